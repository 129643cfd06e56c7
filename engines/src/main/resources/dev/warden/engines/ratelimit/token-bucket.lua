-- Takes one token from the greedy token bucket at KEYS[1], atomically (see RedisBuckets).
-- ARGV: capacity, refill tokens, refill period in ms, key margin in ms (kept after full).
-- Stored value "tokens:roundingError:lastRefillMs": Bucket4j's 64-bit state on millisecond
-- ticks (the fraction of a token is roundingError / period). Time is Redis' own clock (TIME), so
-- replicas with skewed clocks agree. Every number stays below 2^53, where Lua's doubles are exact
-- (RedisBuckets refuses limits that would not).
-- Returns {1 if taken else 0, whole tokens left, rounding error, Redis time in ms}.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis < 5: replicate the SET, not this script that reads TIME
end

local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local margin = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

-- Floor division of integers below 2^53: the double quotient may round up to the next integer.
local function divmod(a, b)
  local q = math.floor(a / b)
  local r = a - q * b
  if r < 0 then
    q, r = q - 1, r + b
  elseif r >= b then
    q, r = q + 1, r - b
  end
  return q, r
end

-- A missing key, or a value of another format (Bucket4j's), is a new bucket: full.
local tokens, err, last = capacity, 0, now
local stored = redis.call('GET', KEYS[1])
if stored then
  local t, e, l = string.match(stored, '^(%d+):(%d+):(%d+)$')
  if t then
    tokens, err, last = math.min(tonumber(t), capacity), tonumber(e), tonumber(l)
  end
end

-- Bucket4j's greedy refill (BucketState64BitsInteger.refill), step for step.
if now > last then
  if tokens < capacity then
    local elapsed = now - last
    if elapsed > period then
      local periods, rest = divmod(elapsed, period)
      tokens, elapsed = tokens + periods * refill, rest
    end
    if tokens >= capacity then
      tokens, err = capacity, 0
    else
      local added, rest = divmod(refill * elapsed + err, period)
      tokens, err = tokens + added, rest
      if tokens >= capacity then
        tokens, err = capacity, 0
      end
    end
  end
  last = now
end

-- A refusal writes nothing: the bucket is empty, so refilling from the older time later adds
-- exactly the same, and a flood of refusals never extends the key's life.
if tokens < 1 then
  return {0, tokens, err, now}
end
tokens = tokens - 1
-- Expire once the bucket would be full again, plus the margin (Bucket4j's
-- basedOnTimeForRefillingBucketUpToMax): a full bucket needs no key.
local toFull = divmod((capacity - tokens) * period - err, refill)
redis.call('SET', KEYS[1], string.format('%.0f:%.0f:%.0f', tokens, err, last), 'PX', toFull + margin)
return {1, tokens, err, now}
