-- Creates the drain's consumer group at the start of the audit stream unless it exists.
-- KEYS: audit stream. ARGV: group.
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
return 1
