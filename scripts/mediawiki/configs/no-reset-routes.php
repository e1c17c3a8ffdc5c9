<?php
// mwcheck named configuration `no-reset-routes`: no password-reset route is enabled, so resetpassword answers
// `moduledisabled` to every request.
$wgPasswordResetRoutes = [ 'username' => false, 'email' => false ];
