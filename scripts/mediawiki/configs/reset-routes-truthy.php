<?php
// mwcheck named configuration `reset-routes-truthy`: the username route is enabled with 1 instead of true; the
// module is offered, but PasswordReset compares with `=== true`, so every reset is `passwordreset-disabled`.
$wgPasswordResetRoutes = [ 'username' => 1 ];
