<?php
// mwcheck named configuration `readonly`: the wiki is read-only with a fixed reason, so the write modules
// (createaccount, clientlogin, login, resetpassword) answer `readonly` with `readonlyreason`.
$wgReadOnly = 'Catalog maintenance';
