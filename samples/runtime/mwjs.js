// Runs a documentation sample program written in "MediaWiki JS" the way a reader runs it on a wiki page in a
// browser: MediaWiki's own jQuery, ResourceLoader client (mw.loader) and `mediawiki.api` module with every module
// it depends on, read from an installed MediaWiki's resources/ and loaded into a JS DOM (jsdom, pinned in
// package.json), on a page of the wiki whose API is MWCHECK_API, viewed by a visitor who is not logged in. The program
// runs as a page script once `mediawiki.api` is ready; what it logs is printed; the run ends when the network and the
// timers are quiet, or on a timeout.
//
//   node mwjs.js PROGRAM      run PROGRAM (env MWCHECK_API: the wiki's api.php URL on loopback)
//   node mwjs.js --check      one line: usable or not (exit 0 / 127)
//
// Environment:
//   MWCHECK_API                    the api.php URL; the page is http(s)://HOST/…, and no request goes anywhere else
//   MWCHECK_MEDIAWIKI_RESOURCES    the MediaWiki install (or its resources/ directory) to load the modules from;
//                                  default: /opt/mwcheck/mediawiki-1.43, then /usr/share/mediawiki
//   MWCHECK_MEDIAWIKI_VERSION      without MWCHECK_MEDIAWIKI_RESOURCES: the version of those installs to use (1.43,
//                                  1.39), so that the page's modules are those of the wiki under test
//   MWCHECK_MWJS_TIMEOUT           seconds before giving up (default 60); exit 124 then
//   MWCHECK_MWJS_CONFIG            JSON merged into mw.config (e.g. {"wgSiteName": "TestWiki"})
//
// Output: console.log/info/debug to stdout, console.warn/error and uncaught errors to stderr, one line per call,
// arguments separated by a space; a string is printed as is, anything else as JSON (JSON.stringify, no indentation:
// what a browser console shows when the object is expanded, in a form a program can compare). Exit status: 0, 1 when
// the program threw an uncaught error, 2 on bad usage, 124 on the timeout, 127 when something needed is missing.
'use strict';

const fs = require( 'fs' );
const path = require( 'path' );
const { readModuleDefinitions, baseDirectory, asList } = require( './resources.js' );

const QUIET_MS = 300;

function fail( status, message ) {
	// --check answers on stdout, a run says what went wrong on stderr.
	( process.argv[ 2 ] === '--check' ? process.stdout : process.stderr ).write( 'mwjs: ' + message + '\n' );
	process.exit( status );
}

// The MediaWiki install to load the modules from: MWCHECK_MEDIAWIKI_RESOURCES (an install or its resources/), else the
// first of the known installs whose version is MWCHECK_MEDIAWIKI_VERSION (e.g. 1.39), else the first one there.
function findInstall() {
	const given = process.env.MWCHECK_MEDIAWIKI_RESOURCES;
	const wantedVersion = process.env.MWCHECK_MEDIAWIKI_VERSION;
	const candidates = given ? [ given, path.dirname( given ) ] : [ '/opt/mwcheck/mediawiki-1.43', '/usr/share/mediawiki' ];
	for ( const dir of candidates ) {
		if ( !fs.existsSync( path.join( dir, 'resources', 'Resources.php' ) ) ) {
			continue;
		}
		const version = mediawikiVersion( dir );
		if ( given || !wantedVersion || version === wantedVersion || version.startsWith( wantedVersion + '.' ) ) {
			return dir;
		}
	}
	return null;
}

function mediawikiVersion( install ) {
	try {
		const defines = fs.readFileSync( path.join( install, 'includes', 'Defines.php' ), 'utf8' );
		const match = defines.match( /define\(\s*'MW_VERSION',\s*'([^']+)'/ );
		return match ? match[ 1 ] : 'unknown';
	} catch ( e ) {
		return 'unknown';
	}
}

function loadJsdom() {
	try {
		return require( 'jsdom' );
	} catch ( e ) {
		return null;
	}
}

const install = findInstall();
const jsdom = loadJsdom();
const args = process.argv.slice( 2 );
if ( !install ) {
	fail( 127, 'MediaWiki JS runtime missing: no MediaWiki ' + ( process.env.MWCHECK_MEDIAWIKI_VERSION || '' ) +
		' resources/ (set MWCHECK_MEDIAWIKI_RESOURCES or run scripts/mediawiki.sh install)' );
}
if ( !jsdom ) {
	fail( 127, 'MediaWiki JS runtime missing: jsdom is not installed (npm ci --prefix samples/runtime)' );
}
if ( args[ 0 ] === '--check' ) {
	const jsdomVersion = require( 'jsdom/package.json' ).version;
	process.stdout.write( 'MediaWiki JS runtime usable: Node.js ' + process.version + ', jsdom ' + jsdomVersion +
		', MediaWiki ' + mediawikiVersion( install ) + ' resources (' + install + ')\n' );
	process.exit( 0 );
}
if ( args.length !== 1 ) {
	fail( 2, 'usage: mwjs PROGRAM | --check' );
}
const programFile = args[ 0 ];
let program;
try {
	program = fs.readFileSync( programFile, 'utf8' );
} catch ( e ) {
	fail( 2, 'cannot read ' + programFile + ': ' + e.message );
}

let api;
try {
	api = new URL( process.env.MWCHECK_API || '' );
} catch ( e ) {
	fail( 2, 'MWCHECK_API must be the wiki\'s api.php URL (got ' + JSON.stringify( process.env.MWCHECK_API || '' ) + ')' );
}
const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
if ( !loopback.test( api.hostname ) || !/^https?:$/.test( api.protocol ) ) {
	fail( 2, 'MWCHECK_API must be an http(s) URL on loopback (got ' + api.href + ')' );
}

// The wiki as its page would describe it: $wgServer, $wgScriptPath from where api.php is.
const server = api.origin;
const scriptPath = api.pathname.replace( /\/api\.php$/, '' );
const script = scriptPath + '/index.php';
const pageUrl = server + script + '/Main_Page';
const extraConfig = process.env.MWCHECK_MWJS_CONFIG ? JSON.parse( process.env.MWCHECK_MWJS_CONFIG ) : {};
const siteName = extraConfig.wgSiteName || 'MediaWiki';

// --- Output ---------------------------------------------------------------------------------------------------

let exitStatus = 0;

function formatArgument( value ) {
	if ( typeof value === 'string' ) {
		return value;
	}
	if ( value === undefined || typeof value === 'function' || typeof value === 'symbol' ) {
		return String( value );
	}
	try {
		const json = JSON.stringify( value );
		return json === undefined ? String( value ) : json;
	} catch ( e ) {
		return String( value );
	}
}

function formatLine( values ) {
	return values.map( formatArgument ).join( ' ' ) + '\n';
}

const virtualConsole = new jsdom.VirtualConsole();
for ( const method of [ 'log', 'info', 'debug' ] ) {
	virtualConsole.on( method, ( ...values ) => process.stdout.write( formatLine( values ) ) );
}
for ( const method of [ 'warn', 'error', 'trace' ] ) {
	virtualConsole.on( method, ( ...values ) => process.stderr.write( formatLine( values ) ) );
}
virtualConsole.on( 'jsdomError', ( error ) => {
	if ( error.type === 'XMLHttpRequest' ) {
		// A request that failed on the network: a browser logs it (and the program sees the failure) but nothing
		// was thrown.
		process.stderr.write( 'mwjs: request failed: ' + error.message + '\n' );
		return;
	}
	exitStatus = 1;
	const detail = error.detail && error.detail.stack ? error.detail.stack : ( error.detail || error.message );
	process.stderr.write( 'Uncaught ' + detail + '\n' );
} );

// --- The page -------------------------------------------------------------------------------------------------

const dom = new jsdom.JSDOM(
	'<!DOCTYPE html><html class="client-js" lang="en" dir="ltr"><head><meta charset="UTF-8"><title>Main Page - ' +
	siteName.replace( /[<&]/g, '' ) + '</title></head><body class="mediawiki"><div id="content"></div></body></html>',
	{ url: pageUrl, runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole }
);
const window = dom.window;

// Network: requests only to the wiki's host; count those in flight.
let pending = 0;
let lastActivity = Date.now();
const XHR = window.XMLHttpRequest;
const open = XHR.prototype.open;
const send = XHR.prototype.send;
XHR.prototype.open = function ( method, url, ...rest ) {
	const target = new URL( url, window.location.href );
	if ( target.host !== api.host ) {
		process.stderr.write( 'mwjs: refused a request to ' + target.href + ' (only ' + api.host + ' is reachable)\n' );
		throw new window.DOMException( 'mwjs reaches only ' + api.host, 'NetworkError' );
	}
	return open.call( this, method, url, ...rest );
};
XHR.prototype.send = function ( ...rest ) {
	pending++;
	lastActivity = Date.now();
	this.addEventListener( 'loadend', () => {
		pending--;
		lastActivity = Date.now();
	} );
	return send.apply( this, rest );
};
window.WebSocket = function () {
	throw new window.DOMException( 'mwjs reaches only ' + api.host + ' over HTTP', 'SecurityError' );
};

// Timers: count the ones due, so that a callback scheduled by a promise still runs before the end.
const timers = new Set();
const setTimeoutOriginal = window.setTimeout.bind( window );
const clearTimeoutOriginal = window.clearTimeout.bind( window );
window.setTimeout = function ( callback, delay, ...rest ) {
	const handle = setTimeoutOriginal( ( ...params ) => {
		timers.delete( handle );
		lastActivity = Date.now();
		if ( typeof callback === 'function' ) {
			callback( ...params );
		} else {
			window.eval( String( callback ) );
		}
	}, delay, ...rest );
	timers.add( handle );
	return handle;
};
window.clearTimeout = function ( handle ) {
	timers.delete( handle );
	return clearTimeoutOriginal( handle );
};
// An interval keeps the page busy until it is cleared (a program that never clears one runs into the timeout).
const setIntervalOriginal = window.setInterval.bind( window );
const clearIntervalOriginal = window.clearInterval.bind( window );
window.setInterval = function ( ...params ) {
	const handle = setIntervalOriginal( ...params );
	timers.add( handle );
	return handle;
};
window.clearInterval = function ( handle ) {
	timers.delete( handle );
	lastActivity = Date.now();
	return clearIntervalOriginal( handle );
};

// --- MediaWiki's modules --------------------------------------------------------------------------------------

function readFile( file ) {
	try {
		return fs.readFileSync( file, 'utf8' );
	} catch ( e ) {
		fail( 127, 'MediaWiki JS runtime missing: cannot read ' + file );
	}
}

function evaluate( code, file ) {
	return window.eval( code + '\n//# sourceURL=' + file );
}

// Globals the startup module's files expect ResourceLoader to have substituted.
window.$VARS = {
	reqBase: { lang: 'en', skin: 'vector-2022' },
	baseModules: [ 'jquery', 'mediawiki.base' ],
	maxQueryLength: 2000,
	storeEnabled: false,
	storeKey: 'MediaWikiModuleStore:mwjs',
	storeVary: 'mwjs',
	groupUser: 0,
	groupPrivate: 1,
	sourceMapLinks: false
};
window.$CODE = new Proxy( {}, { get: ( target, name ) => name === 'test' ? ( value ) => value : () => {} } );
window.RLQ = [];
const startup = path.join( install, 'resources', 'src', 'startup' );
evaluate( readFile( path.join( install, 'resources', 'lib', 'jquery', 'jquery.js' ) ), 'jquery.js' );
for ( const file of [ 'mediawiki.js', 'mediawiki.requestIdleCallback.js', 'mediawiki.loader.js' ] ) {
	const full = path.join( startup, file );
	if ( fs.existsSync( full ) ) {
		evaluate( readFile( full ), file );
	}
}
const mw = window.mw;
if ( !mw || !mw.loader ) {
	fail( 127, 'MediaWiki JS runtime missing: ' + startup + ' did not define mw.loader' );
}

const definitions = readModuleDefinitions( install );
const messages = JSON.parse( readFile( path.join( install, 'languages', 'i18n', 'en.json' ) ) );

// What MediaWiki computes for an anonymous visitor of a default-configured wiki, by module and data file name.
const siteConfig = Object.assign( {
	debug: 0,
	skin: /^1\.39\./.test( mediawikiVersion( install ) ) ? 'vector' : 'vector-2022',
	stylepath: scriptPath + '/skins',
	wgArticlePath: script + '/$1',
	wgScriptPath: scriptPath,
	wgScript: script,
	wgSearchType: null,
	wgVariantArticlePath: false,
	wgServer: server,
	wgServerName: api.hostname,
	wgUserLanguage: 'en',
	wgContentLanguage: 'en',
	wgVersion: mediawikiVersion( install ),
	wgFormattedNamespaces: { '-2': 'Media', '-1': 'Special', 0: '', 1: 'Talk', 2: 'User', 3: 'User talk', 4: siteName,
		5: siteName + ' talk', 6: 'File', 7: 'File talk', 8: 'MediaWiki', 9: 'MediaWiki talk', 10: 'Template',
		11: 'Template talk', 12: 'Help', 13: 'Help talk', 14: 'Category', 15: 'Category talk' },
	wgNamespaceIds: { media: -2, special: -1, '': 0, talk: 1, user: 2, user_talk: 3,
		[ siteName.toLowerCase().replace( / /g, '_' ) ]: 4, [ siteName.toLowerCase().replace( / /g, '_' ) + '_talk' ]: 5,
		file: 6, file_talk: 7, mediawiki: 8, mediawiki_talk: 9, template: 10, template_talk: 11, help: 12,
		help_talk: 13, category: 14, category_talk: 15, image: 6, image_talk: 7, project: 4, project_talk: 5 },
	wgContentNamespaces: [ 0 ],
	wgSiteName: siteName,
	wgDBname: 'my_wiki',
	wgWikiID: 'my_wiki',
	wgCaseSensitiveNamespaces: [],
	wgCommentCodePointLimit: 500,
	wgExtensionAssetsPath: scriptPath + '/extensions',
	wgUrlProtocols: 'bitcoin\\:|ftp\\:\\/\\/|ftps\\:\\/\\/|geo\\:|git\\:\\/\\/|gopher\\:\\/\\/|http\\:\\/\\/|https\\:\\/\\/|irc\\:\\/\\/|ircs\\:\\/\\/|magnet\\:|mailto\\:|matrix\\:|mms\\:\\/\\/|news\\:|nntp\\:\\/\\/|redis\\:\\/\\/|sftp\\:\\/\\/|sip\\:|sips\\:|sms\\:|ssh\\:\\/\\/|svn\\:\\/\\/|tel\\:|telnet\\:\\/\\/|urn\\:|worldwind\\:\\/\\/|xmpp\\:|\\/\\/',
	wgActionPaths: {},
	wgTranslateNumerals: true,
	wgExtraSignatureNamespaces: [],
	wgLegalTitleChars: ' %!"$&\'()*,\\-./0-9:;=?@A-Z\\\\\\^_`a-z~+\\u0080-\\uFFFF',
	wgIllegalFileChars: ':/\\\\'
}, extraConfig );
const mainConfig = {
	FragmentMode: [ 'html5' ],
	GenerateThumbnailOnParse: true,
	LoadScript: scriptPath + '/load.php',
	AutoCreateTempUser: { enabled: false, known: false, actions: [ 'edit' ], genPattern: '~$1', matchPattern: null, reservedPattern: '~$1', serialProvider: { type: 'local', useYear: true }, serialMapping: { type: 'readable-numeric' }, expireAfterDays: 90, notifyBeforeExpirationDays: 10 },
	ThumbnailSteps: null,
	ThumbnailStepsRatio: null
};
const anonymousTokens = { patrolToken: '+\\', watchToken: '+\\', csrfToken: '+\\' };
const computedFiles = {
	'mediawiki.base/config.json': () => siteConfig,
	// The user option defaults (an anonymous visitor has no options of their own); mediawiki.api reads none.
	'mediawiki.base/user.json': () => ( {} ),
	'mediawiki.util/portletLinkOptions.json': () => ( { 'text-wrapper': [] } ),
	'mediawiki.util/infinityValues.json': () => [ 'infinite', 'indefinite', 'infinity', 'never' ],
	'mediawiki.jqueryMsg/parserDefaults.json': () => ( {
		allowedHtmlElements: [ 'b', 'bdi', 'del', 'i', 'ins', 'u', 'font', 'big', 'small', 'sub', 'sup', 'h1', 'h2',
			'h3', 'h4', 'h5', 'h6', 'cite', 'code', 'em', 's', 'strike', 'strong', 'tt', 'var', 'div', 'center',
			'blockquote', 'ol', 'ul', 'dl', 'table', 'caption', 'pre', 'ruby', 'rb', 'rp', 'rt', 'rtc', 'p', 'span',
			'abbr', 'dfn', 'kbd', 'samp', 'data', 'time', 'mark', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'br', 'wbr',
			'hr', 'q' ],
		magic: { SITENAME: siteName }
	} )
};
const computedScripts = {
	// MediaWiki's language data for English (Language::getJsData()).
	'mediawiki.language': () => 'mw.language.setData("en",' + JSON.stringify( {
		digitTransformTable: null,
		separatorTransformTable: null,
		minimumGroupingDigits: null,
		grammarForms: [],
		grammarTransformations: [],
		pluralRules: [ 'i = 1 and v = 0 @integer 1' ],
		digitGroupingPattern: null,
		fallbackLanguages: [],
		bcp47Map: {}
	} ) + ');',
	// What the page embeds for the visitor: their tokens (anonymous: "+\") and their non-default options (none).
	'user.options': () => 'mw.user.tokens.set(' + JSON.stringify( anonymousTokens ) + ');'
};

function dataFile( module, entry ) {
	if ( entry.file !== undefined || entry.content !== undefined ) {
		return undefined;
	}
	if ( entry.config !== undefined ) {
		const values = {};
		for ( const item of asList( entry.config ) ) {
			const name = typeof item === 'string' ? item : String( item.constant ).replace( /^.*::/, '' );
			if ( !( name in mainConfig ) ) {
				fail( 127, 'MediaWiki JS runtime cannot load ' + module + ': no value for the setting ' + name );
			}
			values[ name ] = mainConfig[ name ];
		}
		return values;
	}
	const compute = computedFiles[ module + '/' + entry.name ];
	if ( !compute ) {
		fail( 127, 'MediaWiki JS runtime cannot load ' + module + ': cannot compute its ' + entry.name );
	}
	return compute();
}

function wrapScript( code, file ) {
	return evaluate( '(function ( $, jQuery, require, module ) {\n' + code + '\n})', file );
}

function packageFile( code, file ) {
	return evaluate( '(function ( require, module, exports ) {\n' + code + '\n})', file );
}

// The module's implementation as mw.loader.implement takes it.
function implementation( name, definition ) {
	const base = baseDirectory( install, definition );
	if ( definition.packageFiles !== undefined ) {
		const files = {};
		let main = null;
		for ( const entry of asList( definition.packageFiles ) ) {
			const fileName = typeof entry === 'string' ? entry : entry.name;
			if ( typeof entry === 'string' || entry.file !== undefined ) {
				const full = path.join( base, typeof entry === 'string' ? entry : entry.file );
				const text = readFile( full );
				files[ fileName ] = /\.json$/.test( fileName ) ? JSON.parse( text ) : packageFile( text, fileName );
			} else if ( entry.content !== undefined ) {
				files[ fileName ] = entry.content;
			} else {
				files[ fileName ] = dataFile( name, entry );
			}
			if ( main === null || ( typeof entry === 'object' && entry.main ) ) {
				main = main === null || entry.main ? fileName : main;
			}
		}
		return { main, files };
	}
	let code = '';
	let computed = false;
	for ( const entry of asList( definition.scripts ) ) {
		if ( typeof entry === 'string' ) {
			code += readFile( path.join( base, entry ) ) + '\n';
		} else if ( computedScripts[ name ] && !computed ) {
			// A script MediaWiki generates (1.43: mediawiki.language's language data).
			code += computedScripts[ name ]() + '\n';
			computed = true;
		} else {
			fail( 127, 'MediaWiki JS runtime cannot load ' + name + ': cannot compute its ' + ( entry.name || 'script' ) );
		}
	}
	if ( computedScripts[ name ] && !computed ) {
		// What the module's class adds (1.39: mediawiki.language's language data; user.options).
		code += computedScripts[ name ]() + '\n';
	} else if ( definition.class !== undefined ) {
		fail( 127, 'MediaWiki JS runtime cannot load ' + name + ' (' + definition.class.constant + ')' );
	}
	return wrapScript( code, name );
}

function moduleMessages( definition ) {
	const values = {};
	for ( const key of asList( definition.messages ) ) {
		if ( typeof key === 'string' ) {
			values[ key ] = messages[ key ] !== undefined ? messages[ key ] : '⧼' + key + '⧽';
		}
	}
	return values;
}

// The dependency closure of the modules the page asks for, in an order where each comes after its dependencies.
const wanted = [ 'mediawiki.base', 'mediawiki.api', 'user.options' ];
const order = [];
const seen = new Set( [ 'jquery' ] );
function visit( name ) {
	if ( seen.has( name ) ) {
		return;
	}
	seen.add( name );
	const definition = definitions[ name ];
	if ( !definition ) {
		fail( 127, 'MediaWiki JS runtime missing: ' + install + '/resources/Resources.php defines no module ' + name );
	}
	for ( const dependency of asList( definition.dependencies ) ) {
		visit( dependency );
	}
	order.push( name );
}
wanted.forEach( visit );

// A module with a skip function is skipped where the browser has what it provides (every modern browser and jsdom
// have what web2017-polyfills and es6-polyfills add).
const registrations = [ [ 'jquery', '0' ] ].concat( order.map( ( name ) => [ name, '0',
	asList( definitions[ name ].dependencies ).filter( ( d ) => typeof d === 'string' ) ] ) );
mw.loader.register( registrations );
mw.loader.state( { jquery: 'ready' } );
for ( const name of order ) {
	const definition = definitions[ name ];
	if ( definition.skipFunction !== undefined ) {
		mw.loader.state( { [ name ]: 'ready' } );
		continue;
	}
	mw.loader.implement( name, implementation( name, definition ), null, moduleMessages( definition ) );
}

// The page's own configuration (what index.php writes into RLCONF for Main_Page, viewed anonymously).
mw.config.set( {
	wgCanonicalNamespace: '',
	wgCanonicalSpecialPageName: false,
	wgNamespaceNumber: 0,
	wgPageName: 'Main_Page',
	wgTitle: 'Main Page',
	wgCurRevisionId: 0,
	wgRevisionId: 0,
	wgArticleId: 0,
	wgIsArticle: true,
	wgIsRedirect: false,
	wgAction: 'view',
	wgUserName: null,
	wgUserGroups: [ '*' ],
	wgRequestId: 'mwjs',
	wgRelevantPageName: 'Main_Page',
	wgIsProbablyEditable: true,
	wgRelevantPageIsProbablyEditable: true,
	wgIsMainPage: true
} );

// --- The program ----------------------------------------------------------------------------------------------

const deadline = Date.now() + 1000 * Number( process.env.MWCHECK_MWJS_TIMEOUT || 60 );
let started = false;

function finish( status ) {
	process.stdout.write( '', () => process.exit( status ) );
}

function runProgram() {
	started = true;
	lastActivity = Date.now();
	try {
		evaluate( program, path.basename( programFile ) );
	} catch ( error ) {
		exitStatus = 1;
		process.stderr.write( 'Uncaught ' + ( error && error.stack ? error.stack : String( error ) ) + '\n' );
	}
}

// As the startup module does: load the base modules (mediawiki.base defines mw.loader.using), then the page's.
mw.loader.load( wanted );
const waitForBase = setInterval( () => {
	const states = wanted.map( ( name ) => mw.loader.getState( name ) );
	const broken = wanted.filter( ( name, i ) => states[ i ] === 'error' || states[ i ] === 'missing' );
	if ( broken.length ) {
		clearInterval( waitForBase );
		fail( 127, 'MediaWiki JS runtime cannot load ' + broken.join( ', ' ) + ' (see the errors above)' );
	}
	if ( typeof mw.loader.using === 'function' ) {
		clearInterval( waitForBase );
		mw.loader.using( wanted ).then( runProgram, ( error ) => {
			fail( 127, 'MediaWiki JS runtime cannot load mediawiki.api: ' + ( error && error.message ? error.message : error ) );
		} );
	}
}, 5 );

const watcher = setInterval( () => {
	if ( Date.now() > deadline ) {
		clearInterval( watcher );
		process.stderr.write( 'mwjs: timed out with ' + pending + ' request(s) in flight and ' + timers.size +
			' timer(s) pending\n' );
		finish( 124 );
		return;
	}
	if ( started && pending === 0 && timers.size === 0 && Date.now() - lastActivity >= QUIET_MS ) {
		clearInterval( watcher );
		finish( exitStatus );
	}
}, 50 );
