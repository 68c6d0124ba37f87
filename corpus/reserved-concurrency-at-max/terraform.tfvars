reserved_concurrency = 10
maximum_concurrency  = 10
