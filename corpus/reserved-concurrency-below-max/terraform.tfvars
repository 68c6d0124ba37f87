reserved_concurrency = 5
maximum_concurrency  = 10
