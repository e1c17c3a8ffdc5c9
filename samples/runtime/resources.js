// Reads the module definitions of an installed MediaWiki (its resources/Resources.php) far enough to load a module
// and the modules it depends on from the files on disk: each module's scripts or package files, its dependencies,
// its messages, its skip function. The file is PHP; this reads the plain array literals in it and marks the entries
// that MediaWiki computes at run time (callbacks, config values, module classes) so the caller can supply them.
'use strict';

const fs = require( 'fs' );
const path = require( 'path' );

// One token of the PHP source: a quoted string, an identifier or variable, or one punctuation mark.
const TOKEN = /\s+|\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(=>|::|[[\](){},.;=&?:])|([$A-Za-z_\\][\w\\]*)|(\d+)|(\S)/g;

function tokenize( source ) {
	const tokens = [];
	let match;
	TOKEN.lastIndex = 0;
	while ( ( match = TOKEN.exec( source ) ) ) {
		if ( match[ 1 ] !== undefined ) {
			tokens.push( { string: match[ 1 ].replace( /\\(['\\])/g, '$1' ) } );
		} else if ( match[ 2 ] !== undefined ) {
			tokens.push( { string: match[ 2 ], interpolated: true } );
		} else if ( match[ 3 ] !== undefined ) {
			tokens.push( { punct: match[ 3 ] } );
		} else if ( match[ 4 ] !== undefined ) {
			tokens.push( { word: match[ 4 ] } );
		} else if ( match[ 5 ] !== undefined ) {
			tokens.push( { word: match[ 5 ] } );
		} else if ( match[ 6 ] !== undefined ) {
			tokens.push( { punct: match[ 6 ] } );
		}
	}
	return tokens;
}

// A value of the array literal: a string, an array (list and/or map), a constant (`Class::NAME`), a concatenation,
// or a closure (kept only as a marker: MediaWiki runs it, we cannot).
function parseValue( tokens, pos ) {
	const parts = [];
	let computed = false;
	for ( ;; ) {
		const [ value, next ] = parseAtom( tokens, pos );
		parts.push( value );
		pos = next;
		const punct = tokens[ pos ] && tokens[ pos ].punct;
		if ( punct === '.' ) {
			pos++;
			continue;
		}
		if ( punct !== undefined && !/^(,|=>|]|\)|;)$/.test( punct ) ) {
			// Any other operator (`+`, `?:`, ...): a value MediaWiki computes.
			computed = true;
			pos++;
			continue;
		}
		break;
	}
	if ( computed ) {
		return [ { computed: 'expression' }, pos ];
	}
	if ( parts.length === 1 ) {
		return [ parts[ 0 ], pos ];
	}
	return [ { concat: parts }, pos ];
}

function skipBalanced( tokens, pos, open, close ) {
	let depth = 0;
	for ( ; pos < tokens.length; pos++ ) {
		if ( tokens[ pos ].punct === open ) {
			depth++;
		} else if ( tokens[ pos ].punct === close ) {
			depth--;
			if ( depth === 0 ) {
				return pos + 1;
			}
		}
	}
	throw new Error( 'unbalanced ' + open + close + ' in Resources.php' );
}

function parseAtom( tokens, pos ) {
	const token = tokens[ pos ];
	if ( !token ) {
		throw new Error( 'Resources.php ends inside a value' );
	}
	if ( token.string !== undefined ) {
		return [ token.interpolated ? { interpolated: token.string } : token.string, pos + 1 ];
	}
	if ( token.punct === '[' ) {
		return parseArray( tokens, pos + 1 );
	}
	if ( token.punct === '(' ) {
		return [ { computed: 'expression' }, skipBalanced( tokens, pos, '(', ')' ) ];
	}
	if ( token.punct === '!' || token.punct === '-' ) {
		const [ , next ] = parseAtom( tokens, pos + 1 );
		return [ { computed: 'expression' }, next ];
	}
	if ( token.word === 'new' ) {
		pos += 2;
		if ( tokens[ pos ] && tokens[ pos ].punct === '(' ) {
			pos = skipBalanced( tokens, pos, '(', ')' );
		}
		return [ { computed: 'new' }, pos ];
	}
	if ( token.word === 'static' || token.word === 'function' || token.word === 'fn' ) {
		// A closure: skip its parameter list, `use (...)`, return type and body.
		while ( tokens[ pos ] && tokens[ pos ].punct !== '(' ) {
			pos++;
		}
		pos = skipBalanced( tokens, pos, '(', ')' );
		while ( tokens[ pos ] && tokens[ pos ].punct !== '{' ) {
			pos = tokens[ pos ].punct === '(' ? skipBalanced( tokens, pos, '(', ')' ) : pos + 1;
		}
		pos = skipBalanced( tokens, pos, '{', '}' );
		return [ { closure: true }, pos ];
	}
	if ( token.word !== undefined ) {
		let name = token.word;
		pos++;
		if ( tokens[ pos ] && tokens[ pos ].punct === '::' ) {
			name += '::' + tokens[ pos + 1 ].word;
			pos += 2;
		}
		if ( tokens[ pos ] && tokens[ pos ].punct === '(' ) {
			// A call (e.g. `array_merge( ... )`): a computed value.
			pos = skipBalanced( tokens, pos, '(', ')' );
			return [ { computed: name }, pos ];
		}
		return [ { constant: name }, pos ];
	}
	throw new Error( 'unexpected ' + JSON.stringify( token ) + ' in Resources.php' );
}

function parseArray( tokens, pos ) {
	const list = [];
	const map = {};
	let isMap = false;
	while ( tokens[ pos ] && tokens[ pos ].punct !== ']' ) {
		const [ first, next ] = parseValue( tokens, pos );
		pos = next;
		if ( tokens[ pos ] && tokens[ pos ].punct === '=>' ) {
			const [ value, after ] = parseValue( tokens, pos + 1 );
			pos = after;
			map[ typeof first === 'string' ? first : JSON.stringify( first ) ] = value;
			isMap = true;
		} else {
			list.push( first );
		}
		if ( tokens[ pos ] && tokens[ pos ].punct === ',' ) {
			pos++;
		}
	}
	if ( !tokens[ pos ] ) {
		throw new Error( 'Resources.php ends inside an array' );
	}
	return [ isMap ? Object.assign( map, list.length ? { '': list } : {} ) : list, pos + 1 ];
}

// The module definitions of the MediaWiki installed at INSTALL (a directory holding resources/Resources.php):
// a map from module name to its parsed definition.
function readModuleDefinitions( install ) {
	const source = fs.readFileSync( path.join( install, 'resources', 'Resources.php' ), 'utf8' );
	const start = source.indexOf( 'return [' );
	if ( start < 0 ) {
		throw new Error( 'no `return [` in Resources.php' );
	}
	const tokens = tokenize( source.slice( start + 'return ['.length ) );
	const [ modules ] = parseArray( tokens, 0 );
	return modules;
}

// The directory a module's relative file names are resolved in.
function baseDirectory( install, definition ) {
	const base = definition.localBasePath;
	if ( base === undefined ) {
		return install;
	}
	const parts = base.concat || [ base ];
	// `MW_INSTALL_PATH . '/resources/src/x'` (1.43) or "$wgBaseDirectory/resources/src/x" (1.39).
	const text = parts.map( ( part ) => {
		if ( typeof part === 'string' ) {
			return part;
		}
		if ( part.constant === 'MW_INSTALL_PATH' || part.constant === '__DIR__' ) {
			return part.constant === '__DIR__' ? path.join( install, 'resources' ) : install;
		}
		if ( part.interpolated !== undefined ) {
			return part.interpolated.replace( /^\$(wgBaseDirectory|IP)|^\{\$(wgBaseDirectory|IP)\}/, install );
		}
		throw new Error( 'cannot resolve localBasePath ' + JSON.stringify( base ) );
	} ).join( '' );
	return text;
}

function asList( value ) {
	if ( value === undefined ) {
		return [];
	}
	return Array.isArray( value ) ? value : [ value ];
}

module.exports = { readModuleDefinitions, baseDirectory, asList };
