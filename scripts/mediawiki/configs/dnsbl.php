<?php
// mwcheck named configuration `dnsbl`: the DNS blacklist check is on, with a test zone that lists 127.0.0.1.
// The zone is answered by /etc/hosts: `scripts/mediawiki.sh start --config dnsbl` adds the line
// `127.0.0.2 1.0.0.127.dnsbl.mwcheck.test` (the reserved .test TLD; needs root once). Account creation from
// 127.0.0.1 then fails with `sorbs_create_account_reason`.
$wgEnableDnsBlacklist = true;
$wgDnsBlacklistUrls = [ 'dnsbl.mwcheck.test' ];
