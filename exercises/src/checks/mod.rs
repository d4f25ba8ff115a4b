//! The checks: each takes an implementation of one exercise, runs it against real sockets
//! the way it would run for real, and says in plain words what it expected and what
//! happened.
//!
//! What makes a check hard to fool:
//! - the learner's function runs on a thread of its own and every wait for it is bounded,
//!   so a function that never returns is reported as such ([`harness::Call`]);
//! - the sockets handed to the learner have no timeouts of the check's: a loop that only
//!   ends when `recv` fails would run for ever in real use, and does here too;
//! - values (topics, payloads, counts, timeouts, delays) come from a seed that changes
//!   from run to run ([`values`]), drawn from all the task's text allows, edges included
//!   (none, one, long, late, slow, repeated, with white space, not UTF-8); the failure
//!   names the seed and `EXERCISE_SEED` repeats it;
//! - every run plays each world the text allows side by side, so that what one world lets
//!   through another rejects, on every seed;
//! - sequences are compared whole, message by message and frame by frame, and a sentinel
//!   sent after the learner's function returned closes each one, so a message sent twice,
//!   split or too late shows;
//! - timing is bounded on both sides where the exercise is about time.

mod ask_again;
mod general;
mod harness;
mod heartbeats;
mod link;
mod pipeline;
mod pubsub;
mod reqrep;
mod slow;
pub mod values;

pub use ask_again::ask_reliably;
pub use general::one_way;
pub use harness::Check;
pub use heartbeats::watchful_subscriber;
pub use pipeline::{pipeline, push_or_give_up, worker, PIPELINE_RESULTS, PIPELINE_TASKS};
pub use pubsub::{publish_when_ready, subscribe, topic_rule};
pub use reqrep::{ask_in_turn, broker, echo_frames, give_up_in_time, hello_server};
