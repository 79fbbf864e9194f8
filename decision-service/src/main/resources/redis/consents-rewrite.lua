-- Rewrites consent entries in place (erasure).
-- KEYS: consents. ARGV: pairs (0-based index, value).
-- Returns 1.
for i = 1, #ARGV - 1, 2 do
  redis.call('LSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
