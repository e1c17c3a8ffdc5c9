<?php
// mwcheck named configuration `email-authentication`: email addresses must be confirmed (the default in 1.39 and
// 1.43), so creating an account with an email address mails the confirmation links.
$wgEmailAuthentication = true;
