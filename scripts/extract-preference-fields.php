<?php
// Prints, as JSON, the preferences form a user of a real wiki has (DefaultPreferencesFactory's form
// descriptor: each field's type, options, bounds) and the option kinds; scripts/extract-preference-fields.py
// turns it into crates/mock/data/preference-fields-*.json. Run through the wiki's maintenance runner:
//   MW_INSTALL_PATH=TREE MW_CONFIG_FILE=DIR/LocalSettings.php php scripts/extract-preference-fields.php USER
require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

class ExtractPreferenceFields extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addArg( 'user', 'The account whose form is read' );
	}

	public function execute() {
		$services = MediaWiki\MediaWikiServices::getInstance();
		$user = $services->getUserFactory()->newFromName( $this->getArg( 0 ) );
		$context = RequestContext::getMain();
		$title = Title::makeTitle( NS_SPECIAL, 'Preferences' );
		$context->setTitle( $title );
		$context->getOutput()->setTitle( $title );
		$context->setUser( $user );
		$factory = $services->getPreferencesFactory();
		$fields = [];
		foreach ( $factory->getFormDescriptor( $user, $context ) as $name => $info ) {
			$row = [];
			foreach ( [ 'type', 'class', 'options', 'options-messages', 'min', 'max', 'required' ] as $key ) {
				if ( array_key_exists( $key, $info ) && !is_object( $info[$key] ) ) {
					$row[$key] = $info[$key];
				}
			}
			$row['validation-callback'] = isset( $info['validation-callback'] );
			$fields[$name] = $row;
		}
		echo json_encode( [ 'fields' => $fields ], JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE ), "\n";
	}
}

$maintClass = ExtractPreferenceFields::class;
require_once RUN_MAINTENANCE_IF_MAIN;
