//! The credential cache both clouds share: keys are fetched once and reused until they come near
//! their expiry, then fetched again before a request is signed with them. It owns only the timing
//! rule; where keys come from is `aws` (aws-config's chain) and `aliyun_credentials`.
//!
//! The rule: keys with an expiry are fetched again once less than a fifth of their lifetime, at
//! most [`REFRESH_BEFORE`], is left, so that a signed request never travels with keys about to
//! lapse; keys without one (static keys) are asked for again after [`STATIC_FOR`], as the AWS
//! SDKs do. One fetch runs at a time; requests meanwhile wait for it. When a fetch fails, keys
//! that have not expired yet are still used, and the next request tries again.

use anyhow::Result;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// At most this long before their expiry, keys are fetched again.
pub const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);
/// Keys without an expiry are asked for again after this long.
pub const STATIC_FOR: Duration = Duration::from_secs(15 * 60);

struct Entry<K> {
    keys: Arc<K>,
    /// When the keys must be fetched again.
    refresh_at: SystemTime,
    /// When they stop working (`None`: not known to).
    expires: Option<SystemTime>,
}

/// Keys of type `K`, fetched when needed (see the module documentation).
pub struct Cache<K> {
    current: Mutex<Option<Entry<K>>>,
    fetching: tokio::sync::Mutex<()>,
}

impl<K> Default for Cache<K> {
    fn default() -> Self {
        Cache { current: Mutex::new(None), fetching: tokio::sync::Mutex::new(()) }
    }
}

/// When keys fetched at `fetched` and expiring at `expires` must be fetched again.
pub fn refresh_at(fetched: SystemTime, expires: Option<SystemTime>) -> SystemTime {
    match expires {
        None => fetched + STATIC_FOR,
        Some(expires) => {
            let lifetime = expires.duration_since(fetched).unwrap_or_default();
            expires - (lifetime / 5).min(REFRESH_BEFORE)
        }
    }
}

impl<K> Cache<K> {
    fn fresh(&self, now: SystemTime) -> Option<Arc<K>> {
        let current = self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        current.as_ref().filter(|e| now < e.refresh_at).map(|e| e.keys.clone())
    }

    fn unexpired(&self, now: SystemTime) -> Option<Arc<K>> {
        let current = self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        current.as_ref().filter(|e| e.expires.is_none_or(|x| now < x)).map(|e| e.keys.clone())
    }

    /// The cached keys if they are fresh, else the result of `fetch` (keys and their expiry),
    /// kept for the next requests.
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<Arc<K>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(K, Option<SystemTime>)>>,
    {
        if let Some(keys) = self.fresh(SystemTime::now()) {
            return Ok(keys);
        }
        let _one_at_a_time = self.fetching.lock().await;
        // Another request may have fetched them while this one waited.
        if let Some(keys) = self.fresh(SystemTime::now()) {
            return Ok(keys);
        }
        match fetch().await {
            Ok((keys, expires)) => {
                let keys = Arc::new(keys);
                let fetched = SystemTime::now();
                let entry =
                    Entry { keys: keys.clone(), refresh_at: refresh_at(fetched, expires), expires };
                *self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(entry);
                Ok(keys)
            }
            Err(error) => self.unexpired(SystemTime::now()).ok_or(error),
        }
    }
}

/// An error and its causes on one line (`a: b: c`, a text's own lines joined with `; `), with
/// repeated texts said once.
pub fn causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(cause) = next {
        let mut text = String::new();
        for line in cause.to_string().lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !text.is_empty() {
                text.push_str(if text.ends_with(':') { " " } else { "; " });
            }
            text.push_str(line);
        }
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_fetched_again_a_fifth_of_their_lifetime_before_expiry_at_most_five_minutes() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = Duration::from_secs(3600);
        assert_eq!(refresh_at(t, Some(t + hour)), t + hour - REFRESH_BEFORE);
        assert_eq!(refresh_at(t, Some(t + Duration::from_secs(10))), t + Duration::from_secs(8));
        assert_eq!(refresh_at(t, Some(t - hour)), t - hour, "already expired: fetch again");
        assert_eq!(refresh_at(t, None), t + STATIC_FOR);
    }

    #[tokio::test]
    async fn one_fetch_serves_until_refresh_and_a_failed_fetch_keeps_unexpired_keys() {
        let cache = Cache::<u32>::default();
        let now = SystemTime::now();
        let first = cache.get(|| async { Ok((1, Some(now + Duration::from_secs(3600)))) }).await;
        assert_eq!(*first.unwrap(), 1);
        let cached = cache.get(|| async { Ok((2, None)) }).await;
        assert_eq!(*cached.unwrap(), 1, "fresh keys are not fetched again");

        // Keys past their refresh time, a minute before their expiry.
        let stale = Cache::<u32>::default();
        *stale.current.lock().unwrap() = Some(Entry {
            keys: Arc::new(1),
            refresh_at: now - Duration::from_secs(1),
            expires: Some(now + Duration::from_secs(60)),
        });
        let kept = stale.get(|| async { Err(anyhow::anyhow!("STS is down")) }).await;
        assert_eq!(*kept.unwrap(), 1, "unexpired keys outlive a failed refresh");
        let fetched = stale.get(|| async { Ok((3, None)) }).await;
        assert_eq!(*fetched.unwrap(), 3, "keys near expiry are fetched again");

        let empty = Cache::<u32>::default();
        let error = empty.get(|| async { Err(anyhow::anyhow!("no keys")) }).await;
        assert_eq!(error.unwrap_err().to_string(), "no keys");
    }

    #[test]
    fn causes_are_said_on_one_line() {
        let io = std::io::Error::other("no credentials found in chain. Attempted:\n  Environment: not set\n  Profile: not enabled\n");
        assert_eq!(
            causes(&io),
            "no credentials found in chain. Attempted: Environment: not set; Profile: not enabled"
        );
    }
}
