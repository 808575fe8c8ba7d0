//! Which replica answers an update, when several share Redis: an update is claimed with a short
//! lease (set only if absent) that its replica renews while it works, and marked done, for two
//! days, once its replies are sent. A replica killed mid-work stops renewing, so when Telegram
//! retries the update another replica takes it over; an update already answered is
//! acknowledged without work. The claim also leases the update's chat, so that two replicas
//! never answer one chat at once (its replies stay in the order of its updates).
//!
//! A reply on its way to Telegram is marked in Redis until Telegram takes it: a replica that
//! takes over a chat still so marked knows its previous claimant died with a reply in flight,
//! which Telegram may or may not have taken. It is answered again (rather than lost), and
//! said so, as the delivery ledger does after a crash.
//!
//! Without Redis, or while it is down, every claim is local: the replica's ledger alone
//! recognises updates it has seen.

use std::time::Duration;

use redis::Script;

use super::privacy::random_secret;
use crate::shared_store::SharedStore;

/// How long a claim lasts unless renewed: how long an update waits after its replica died.
pub const LEASE: Duration = Duration::from_secs(5);
/// How often a working replica renews its leases.
pub const RENEW_EVERY: Duration = Duration::from_millis(1500);
/// How long an answered update is remembered (Telegram retries for much less).
const KEEP_DONE: Duration = Duration::from_secs(2 * 24 * 3600);
/// What a claim key holds once its update is answered.
const DONE: &str = "done";

/// Claims the update (KEYS[1]) and leases its chat (KEYS[2]) for ARGV[1] for ARGV[2] ms,
/// unless the update is claimed or done, or another update holds the chat; a reply left in
/// flight in the chat (KEYS[3]) is forgotten and reported.
const CLAIM: &str = r"
local state = redis.call('GET', KEYS[1])
if state then return state end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'chat-busy' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
if redis.call('DEL', KEYS[3]) == 1 then return 'ours-after-reply-in-flight' end
return 'ours'
";
/// How long a reply in flight stays marked: longer than any send takes.
const IN_FLIGHT: Duration = Duration::from_secs(600);
/// Extends the keys still held by ARGV[1] by ARGV[2] ms.
const RENEW: &str = r"
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 1
";
/// Marks the update (KEYS[1]) done for ARGV[2] s and frees its chat (KEYS[2]) if still ARGV[1]'s.
const FINISH: &str = r"
redis.call('SET', KEYS[1], 'done', 'EX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
";
/// Deletes the keys still held by ARGV[1].
const RELEASE: &str = r"
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1
";

/// What a claim found.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// This replica answers the update (and holds its chat) until it finishes or releases it.
    Ours(Holder),
    /// No shared state: the replica's own ledger decides.
    Local,
    /// Answered already (by any replica).
    Done,
    /// Another replica (or request) is answering it, or its chat: try again later.
    Busy,
}

/// The keys a claim holds, and the value that says they are this replica's.
#[derive(Debug, PartialEq, Eq)]
pub struct Holder {
    update_key: String,
    chat_key: String,
    owner: String,
}

/// Claims in the shared Redis, or none.
pub struct Claims {
    store: Option<SharedStore>,
    /// This process's name in the claims it holds.
    replica: String,
    claim: Script,
    renew: Script,
    finish: Script,
    release: Script,
}

impl Claims {
    pub fn new(store: Option<SharedStore>) -> Claims {
        Claims {
            store,
            replica: random_secret(),
            claim: Script::new(CLAIM),
            renew: Script::new(RENEW),
            finish: Script::new(FINISH),
            release: Script::new(RELEASE),
        }
    }

    /// Claims update `update_id` of chat `chat` (`None`: the update has no chat).
    pub async fn claim(&self, update_id: i64, chat: Option<i64>) -> Claim {
        let Some(store) = &self.store else {
            return Claim::Local;
        };
        let holder = Holder {
            update_key: SharedStore::key(format_args!("update:{update_id}")),
            chat_key: match chat {
                Some(chat) => SharedStore::key(format_args!("chat:{chat}")),
                None => SharedStore::key(format_args!("chatless:{update_id}")),
            },
            owner: format!("{}:{update_id}", self.replica),
        };
        let lease = LEASE.as_millis().to_string();
        let in_flight = in_flight_key(chat.unwrap_or_default());
        let keys = [
            holder.update_key.as_str(),
            holder.chat_key.as_str(),
            in_flight.as_str(),
        ];
        let found: Result<String, _> = store
            .script(&self.claim, &keys, &[&holder.owner, &lease])
            .await;
        match found.as_deref() {
            Ok("ours") => Claim::Ours(holder),
            Ok("ours-after-reply-in-flight") => {
                tracing::warn!(
                    repeats = 1,
                    "a replica stopped while a reply to this chat was on its way to Telegram; \
                     the update is answered again and its reply may arrive twice"
                );
                Claim::Ours(holder)
            }
            Ok(DONE) => Claim::Done,
            Ok(_) => Claim::Busy,
            Err(_) => Claim::Local,
        }
    }

    /// Extends a claim still being worked on.
    pub async fn renew(&self, holder: &Holder) {
        self.run(&self.renew, holder, &LEASE.as_millis().to_string())
            .await;
    }

    /// Marks the claimed update answered and frees its chat.
    pub async fn finish(&self, holder: &Holder) {
        self.run(&self.finish, holder, &KEEP_DONE.as_secs().to_string())
            .await;
    }

    /// Gives up a claim without answering (stopping), so another replica can take it at once.
    pub async fn release(&self, holder: &Holder) {
        self.run(&self.release, holder, "").await;
    }

    /// Runs `script` on the holder's keys with its owner and `arg`.
    async fn run(&self, script: &Script, holder: &Holder, arg: &str) {
        if let Some(store) = &self.store {
            let keys = [holder.update_key.as_str(), holder.chat_key.as_str()];
            let _: Result<i64, _> = store.script(script, &keys, &[&holder.owner, arg]).await;
        }
    }
}

fn in_flight_key(chat: i64) -> String {
    SharedStore::key(format_args!("in_flight:{chat}"))
}

/// Marks a reply to `chat` as on its way to Telegram (see the module's documentation).
pub async fn reply_leaving(store: &SharedStore, chat: i64) {
    let mut mark = redis::cmd("SET");
    mark.arg(in_flight_key(chat))
        .arg(1)
        .arg("PX")
        .arg(IN_FLIGHT.as_millis() as u64);
    let _: Result<(), _> = store.query(&mark).await;
}

/// Telegram answered about the reply to `chat`: it is no longer in flight.
pub async fn reply_arrived(store: &SharedStore, chat: i64) {
    let _: Result<(), _> = store
        .query(redis::cmd("DEL").arg(in_flight_key(chat)))
        .await;
}
