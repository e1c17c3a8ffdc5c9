-- wrk script for scripts/bench.sh: POST action=validatepassword (no session, no token needed).
wrk.method = "POST"
wrk.body = "action=validatepassword&password=Benchmark-pass-12345&user=Benchmark%20user&format=json"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
