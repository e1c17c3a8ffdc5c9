<?php
// mwcheck named configuration `bot-passwords-off`: bot passwords are disabled, so action=login's deprecation
// warning and Aborted reason no longer mention Special:BotPasswords, and paraminfo marks login deprecated.
$wgEnableBotPasswords = false;
