<?php
// mwcheck named configuration `no-email`: email features are off: no `email` field on account creation,
// `email=` is an unrecognised parameter, and resetpassword answers `passwordreset-emaildisabled`.
$wgEnableEmail = false;
