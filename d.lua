done_once = false
response = function(status, headers, body) if not done_once then print(status, body) done_once = true end end
