<?php
// mwcheck named configuration `block-disables-login`: a blocked account cannot log in; once its password is accepted,
// clientlogin gives FAIL `login-userblocked` and action=login gives Failed with the same message.
$wgBlockDisablesLogin = true;
