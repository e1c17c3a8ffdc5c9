<?php
// mwcheck named configuration `policy-min-length`: every account needs a password of at least 10 characters, so
// createaccount answers FAIL `passwordtooshort` and validatepassword `Change` for shorter ones.
$wgPasswordPolicy['policies']['default']['MinimalPasswordLength'] = [ 'value' => 10, 'suggestChangeOnLogin' => true ];
