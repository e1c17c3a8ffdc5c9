<?php
// mwcheck named configuration `oathauth`: OATHAuth (two-factor authentication with TOTP). Its tables are created by
// maintenance/update.php (1.39: oathauth_users; 1.43: oathauth_types and oathauth_devices), and
// scripts/mediawiki.sh provisions the account Totpuser (password Totp-pass-12345) with the TOTP secret
// JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP (no recovery codes) at setup; the mock seeds the same account.
wfLoadExtension( 'OATHAuth' );
