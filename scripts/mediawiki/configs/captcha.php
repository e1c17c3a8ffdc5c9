<?php
// mwcheck named configuration `captcha`: ConfirmEdit with QuestyCaptcha and one fixed question. Its default triggers
// stay on: account creation needs the captcha (sysops skip it), and after 3 failed logins from an IP within 300 s
// ($wgCaptchaBadLoginAttempts) a login needs it too. The captcha lives in the session (CaptchaSessionStore).
wfLoadExtension( 'ConfirmEdit' );
wfLoadExtension( 'ConfirmEdit/QuestyCaptcha' );
$wgCaptchaClass = 'QuestyCaptcha';
$wgCaptchaQuestions = [ 'What is 2+2?' => '4' ];
