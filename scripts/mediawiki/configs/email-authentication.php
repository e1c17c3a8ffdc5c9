<?php
// mwcheck named configuration `email-authentication`: email addresses must be confirmed (the 1.39 default), so
// creating an account with an email address mails the confirmation links.
$wgEmailAuthentication = true;
