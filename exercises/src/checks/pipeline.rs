//! The checks of the pipeline exercises (9–11).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, explain_on, inproc, ms, one_frame, only_where_given,
    recv_until, recv_within, setup, side_by_side, too_late, Check, HeldPast, Message,
    Scene, SleepWatch, CLOCK_SLACK, PATIENCE, RETURN_BOUND, SLACK,
};
use super::slow::SlowSockets;
use super::values::{bag_difference, show_message, show_messages, Values};

type Work = fn(&zmq::Socket, &zmq::Socket, usize) -> zmq::Result<()>;

fn done(task: &str) -> String {
    format!("done: {task}")
}

/// A task's result as exercise 9 asks for it: `done: ` and the task's own bytes.
fn done_bytes(task: &[u8]) -> Message {
    one_frame([b"done: ".as_slice(), task].concat())
}

/// How soon after its task came a result must reach the sink, when the sink takes it.
const PROMPT: Duration = Duration::from_millis(500);

/// How long the slow sink of exercise 9 leaves the results unread, unless the worker
/// returns first.
const SLOW_SINK: Duration = Duration::from_millis(300);

/// The tasks of one world of exercise 9, and how they come.
struct Feed {
    /// `count` tasks to take, then more for the next worker. Among the first `count`:
    /// one empty, one that is not UTF-8, one with white space at both ends, one of
    /// megabytes.
    tasks: Vec<Vec<u8>>,
    count: usize,
    /// How long before each task is pushed, after the one before it (the first: after
    /// the function started).
    gaps: Vec<Duration>,
    /// The sink leaves the results unread for a while: the pipe to it fills.
    slow_sink: bool,
}

impl Feed {
    /// Every run: the tasks in one burst, a moment after the worker started; the tasks
    /// one by one, with a pause of over a second before one of them; a burst to a sink
    /// that is slow to read; and a `count` of 0, with tasks for the next worker only.
    fn every(values: &mut Values) -> [Feed; 4] {
        let burst = Feed::new(values, false);
        let mut one_by_one = Feed::new(values, false);
        let paused = values.between(1, one_by_one.count - 1);
        for (i, gap) in one_by_one.gaps.iter_mut().enumerate().skip(1) {
            *gap = if i == paused {
                values.millis(1_100, 1_300)
            } else {
                values.millis(5, 30)
            };
        }
        let slow = Feed::new(values, true);
        let none = Feed::with_count(values, 0, false);
        [burst, one_by_one, slow, none]
    }

    fn new(values: &mut Values, slow_sink: bool) -> Feed {
        let count = values.between(4, 9);
        Feed::with_count(values, count, slow_sink)
    }

    fn with_count(values: &mut Values, count: usize, slow_sink: bool) -> Feed {
        let more = values.between(1, 3);
        let mut tasks: Vec<Vec<u8>> = values
            .texts(count + more, false)
            .into_iter()
            .map(String::into_bytes)
            .collect();
        // Among the tasks to take, or those for the next worker when there are none; two
        // different ones, where there are two.
        let among = if count > 0 { count } else { more };
        let binary = values.between(0, among - 1);
        let empty = (binary + values.between(1, among.max(2) - 1)) % among;
        tasks[binary] = values.binary();
        if empty != binary {
            tasks[empty] = Vec::new();
        }
        // And one with white space of every kind at both ends, a line end among it: every
        // byte of it is the task's.
        let mut others = (0..among).filter(|i| *i != binary && *i != empty);
        if let Some(spaced) = others.next() {
            tasks[spaced] = format!(" \t{} \t\r\n", values.text()).into_bytes();
        }
        // And one larger than any buffer of a fixed size would hold.
        if let Some(huge) = others.next() {
            tasks[huge] = values.huge_binary();
        }
        let mut gaps = vec![Duration::ZERO; tasks.len()];
        gaps[0] = values.millis(30, 120);
        Feed {
            tasks,
            count,
            gaps,
            slow_sink,
        }
    }

    /// When the tasks came, in words.
    fn said(&self) -> String {
        let longest = self.gaps.iter().skip(1).max().copied().unwrap_or_default();
        let mut said = if self.count == 0 {
            format!(
                "with a `count` of 0, {} tasks for the next worker came {} after work started",
                self.tasks.len(),
                ms(self.gaps[0])
            )
        } else if longest > RETURN_BOUND {
            format!(
                "the tasks came one by one, one of them {} after the one before",
                ms(longest)
            )
        } else {
            format!(
                "the tasks came together, {} after work started",
                ms(self.gaps[0])
            )
        };
        if self.slow_sink {
            said.push_str(", to a sink that is slow to read");
        }
        said
    }
}

pub fn worker(work: Work) -> Check {
    let mut values = Values::for_exercise(9);
    side_by_side(
        Feed::every(&mut values)
            .into_iter()
            .map(|feed| -> Box<dyn FnOnce() -> Check + Send> {
                Box::new(move || {
                    let mut sentinels = Values::for_exercise(9);
                    confirmed(|| one_worker(work, &feed, sentinels.sentinel()))
                })
            })
            .collect(),
    )
}

fn one_worker(work: Work, feed: &Feed, end: Vec<u8>) -> Check {
    let scene = Scene::new();
    let (to_workers, from_workers) = (inproc("tasks"), inproc("results"));
    let ventilator = scene.own_bound(zmq::PUSH, &to_workers)?;
    let tasks = scene.connected(zmq::PULL, &to_workers)?;
    // A small sink: the pipe to it holds a couple of results, and a worker that pushes
    // faster than the sink reads must wait for it.
    let sink = scene.own(zmq::PULL)?;
    setup(sink.set_rcvhwm(1), "set the sink's RCVHWM")?;
    setup(sink.bind(&from_workers), &format!("bind {from_workers}"))?;
    let results = scene.socket(zmq::PUSH)?;
    setup(results.set_sndhwm(1), "set SNDHWM")?;
    setup(
        results.connect(&from_workers),
        &format!("connect to {from_workers}"),
    )?;
    let count = feed.count;
    let said = feed.said();

    let mut working = call(move || (work(&tasks, &results, count), tasks, results));
    // A wait with an end, however long, is waited out before the first task comes, and
    // before a slow sink reads.
    let watch = SleepWatch::start(working.thread);
    // The world of the exercise: the first task comes a moment after the worker is ready,
    // the others together or one by one, and more tasks than `count` come: the rest are
    // for the next worker.
    let held_first = watch
        .holder()
        .hold_until(working.started + feed.gaps[0], |d| {
            working.returns_within(d)
        });
    if working.has_returned() && count > 0 {
        return Err(match working.within(Duration::ZERO) {
            Some(((Err(e), tasks, _), _)) => format!(
                "work returned an error before the first task came: {}",
                explain_on(e, &tasks)
            ),
            _ => format!(
                "work returned before the first task came ({} after it started): it must wait \
                 for `count` tasks, however long they take{}",
                ms(feed.gaps[0]),
                HeldPast::said(held_first)
            ),
        });
    }
    HeldPast::within_reach(held_first, "work", "the first task")?;
    let (to_push, gaps) = (feed.tasks.clone(), feed.gaps.clone());
    let feeding = thread::spawn(move || {
        let mut pushed_at = Vec::new();
        for (task, gap) in to_push.iter().zip(gaps) {
            if !pushed_at.is_empty() {
                // The world of the exercise: this task comes a while after the one before.
                thread::sleep(gap);
            }
            if ventilator.send(task.as_slice(), 0).is_err() {
                break;
            }
            pushed_at.push(Instant::now());
        }
        pushed_at
    });
    let mut held = None;
    if feed.slow_sink {
        // The world of the exercise: the sink reads nothing for a while.
        held = watch
            .holder()
            .hold_until(Instant::now() + SLOW_SINK, |d| working.returns_within(d));
        HeldPast::within_reach(held, "work", "the sink")?;
    }
    let mut arrived = Vec::new();
    let mut last_arrived = None;
    while arrived.len() < count {
        match recv_within(&sink, PATIENCE) {
            Some(result) => arrived.push(result),
            None => break,
        }
        last_arrived = Some(Instant::now());
    }
    // While the function has not returned, whatever else it passes on is read too: a
    // worker that sends more than asked would otherwise block on the small sink.
    let deadline = Instant::now() + RETURN_BOUND;
    while !working.has_returned() && Instant::now() < deadline {
        if let Some(more) = recv_within(&sink, Duration::from_millis(10)) {
            arrived.push(more);
        }
    }
    let pushed_at = feeding.join().unwrap_or_default();
    let Some(((result, tasks, results), _)) = working.within(Duration::ZERO) else {
        return Err(if arrived.len() > count {
            format!(
                "work was asked for {count} tasks and passed on {} results, {}, and had not \
                 returned {} later ({said}): it must take `count` tasks and return, and leave \
                 the rest for the next worker",
                arrived.len(),
                show_messages(&arrived),
                ms(RETURN_BOUND)
            )
        } else if arrived.len() == count {
            too_late(format!(
                "work passed on {count} tasks as asked, then did not return within {}: it must \
                 take `count` tasks and return. A loop until recv fails never ends in real use: \
                 more tasks may always come",
                ms(RETURN_BOUND)
            ))
        } else {
            format!(
                "{} tasks were pushed and {} results reached the sink; work is still running \
                 ({said})",
                pushed_at.len(),
                arrived.len()
            )
        });
    };
    result.map_err(|e| {
        format!("work returned an error: {} ({said})", explain_on(e, &tasks))
    })?;
    // Everything the worker sent is in the pipe to the sink before this last message. The
    // pipe holds a couple: if it is still full, the worker sent more than it was asked.
    setup(results.set_sndtimeo(200), "set SNDTIMEO")?;
    if results.send(end.as_slice(), 0).is_err() {
        let rest = drain(&sink);
        return Err(format!(
            "after work returned, the pipe to the sink was full: it sent far more than the \
             {count} results asked for ({} and then {})",
            show_messages(&arrived),
            show_messages(&rest)
        ));
    }
    let (rest, _) = recv_until(&sink, &end);
    arrived.extend(rest);
    let expected: Vec<Message> = feed.tasks[..count]
        .iter()
        .map(|task| done_bytes(task))
        .collect();
    if count == 0 && !arrived.is_empty() {
        return Err(format!(
            "work was asked for 0 tasks and passed on {}: with a `count` of 0 there is no task \
             to take, and the tasks that came were for the next worker ({said})",
            show_messages(&arrived)
        ));
    }
    if arrived != expected {
        return Err(format!(
            "asked for {count} tasks; the sink got {}, expected {}: each task once, in the \
             order it came, as `done: ` and the task's own bytes (PL1; {said}){}",
            show_messages(&arrived),
            show_messages(&expected),
            HeldPast::said(held)
        ));
    }
    if !feed.slow_sink {
        let last_task_at = count.checked_sub(1).and_then(|last| pushed_at.get(last));
        if let (Some(task_at), Some(result_at)) = (last_task_at, last_arrived) {
            let late = result_at.saturating_duration_since(*task_at);
            if late > PROMPT {
                return Err(too_late(format!(
                    "the last of the {count} results reached the sink {} after its task came \
                     ({said}): a task that is there is taken at once. Wait for the tasks with \
                     a blocking receive, not a sleep",
                    ms(late)
                )));
            }
        }
    }
    // The tasks beyond `count` must still be waiting, untouched, for the next worker.
    let more = feed.tasks.len() - count;
    let mut left = Vec::new();
    while left.len() < more {
        match recv_within(&tasks, PATIENCE) {
            Some(task) => left.push(task),
            None => break,
        }
    }
    let expected_left: Vec<Message> = feed.tasks[count..]
        .iter()
        .map(|t| one_frame(t.as_slice()))
        .collect();
    if left != expected_left {
        return Err(format!(
            "work was asked for {count} tasks of the {} pushed; afterwards the tasks left \
             were {}, expected {}: it took more than it passed on",
            feed.tasks.len(),
            show_messages(&left),
            show_messages(&expected_left)
        ));
    }
    only_where_given(&tasks, &to_workers, "work", "the PULL socket `tasks`")?;
    only_where_given(&results, &from_workers, "work", "the PUSH socket `results`")
}

/// Whatever is in `socket` now (the first hundred messages), read without waiting.
fn drain(socket: &zmq::Socket) -> Vec<Message> {
    let mut read = Vec::new();
    while read.len() < 100 {
        match recv_within(socket, Duration::ZERO) {
            Some(message) => read.push(message),
            None => break,
        }
    }
    read
}

type Push = fn(&zmq::Socket, &str, Duration) -> zmq::Result<bool>;

pub fn push_or_give_up(push: Push) -> Check {
    let mut values = Values::for_exercise(10);
    // Timeouts from the whole range: none at all, two far enough apart that no single
    // fixed wait fits both, and one of well over a second (a wait cut at a second, late by
    // a busy machine's stall, must still show as early).
    let short = values.millis(150, 250);
    let long = short + values.millis(400, 500);
    let over_a_second = values.millis(1_300, 1_500);
    let mut nobody: Vec<Box<dyn FnOnce() -> Check + Send>> = Vec::new();
    for timeout in [short, long, over_a_second, Duration::ZERO] {
        let task = values.text();
        nobody.push(Box::new(move || {
            confirmed(|| nobody_pulls(push, &task, timeout))
        }));
    }
    let arriving = Arriving::new(&mut values);
    nobody.push(Box::new(move || {
        confirmed(|| a_puller_arrives(push, &arriving))
    }));
    let twice = Twice {
        first: values.text(),
        second: values.text(),
        timeout: values.millis(400, 600),
        arrives_after: values.millis(100, 200),
    };
    nobody.push(Box::new(move || {
        confirmed(|| twice_on_one_push(push, &twice))
    }));
    side_by_side(nobody)
}

/// The world of [`twice_on_one_push`].
struct Twice {
    first: String,
    second: String,
    /// The second call's timeout (the first's is 0).
    timeout: Duration,
    /// When, into the second call, a puller with room connects.
    arrives_after: Duration,
}

/// Two calls on one PUSH, each with its own timeout. The first, with a timeout of 0, has a
/// puller with room connected: the task goes at once. The second finds that puller full
/// and waits `timeout`, into which another puller connects: the task goes to it.
fn twice_on_one_push(push: Push, twice: &Twice) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("twice");
    // Room for two messages between the PUSH and its first puller: the check's probe, and
    // the first call's task. (An inproc peer takes the options the PUSH had when it bound.)
    let pusher = scene.socket(zmq::PUSH)?;
    setup(pusher.set_sndhwm(1), "set the PUSH's SNDHWM")?;
    setup(pusher.bind(&endpoint), "bind the PUSH")?;
    let full = scene.own(zmq::PULL)?;
    setup(full.set_rcvhwm(1), "set the first puller's RCVHWM")?;
    setup(full.connect(&endpoint), "connect the first puller")?;
    setup(pusher.get_events(), "take in the first puller")?;
    setup(
        pusher.send("probe", zmq::DONTWAIT),
        "push a probe to the first puller",
    )?;
    let first = twice.first.clone();
    let mut pushing = call(move || (push(&pusher, &first, Duration::ZERO), pusher));
    let Some(((result, pusher), returned_at)) = pushing.within(SLACK) else {
        return Err(too_late(format!(
            "with a timeout of 0 and a puller with room for the task, push_or_give_up had not \
             returned after {}: a timeout of 0 pushes at once when it can",
            ms(SLACK)
        )));
    };
    match result {
        Ok(true) => {}
        Ok(false) => {
            return Err(format!(
                "with a timeout of 0 and a puller with room for the task, push_or_give_up gave \
                 up after {}: a timeout of 0 gives up only when nobody can take the task; \
                 this one could go at once",
                ms(returned_at.saturating_duration_since(pushing.started))
            ))
        }
        Err(e) => {
            return Err(format!(
                "with a timeout of 0 and a puller with room, push_or_give_up returned an error: \
                 {}",
                explain_on(e, &pusher)
            ))
        }
    }
    let (second, timeout) = (twice.second.clone(), twice.timeout);
    let mut pushing = call(move || (push(&pusher, &second, timeout), pusher));
    // The world of the exercise: another puller comes a while into the second call.
    thread::sleep(twice.arrives_after);
    let other = scene.own_connected(zmq::PULL, &endpoint)?;
    let Some(((result, pusher), _)) = pushing.within(timeout + SLACK) else {
        return Err(too_late(format!(
            "on its second call, with a timeout of {}, push_or_give_up had not returned {} \
             after it",
            ms(timeout),
            ms(SLACK)
        )));
    };
    let said = format!(
        "called a second time on the same PUSH, with a timeout of {} (the first call's was \
         0), and a puller connected {} into it",
        ms(timeout),
        ms(twice.arrives_after)
    );
    match result {
        Ok(true) => {}
        Ok(false) => {
            return Err(format!(
            "{said}, push_or_give_up gave up: each call has its own timeout; set it on \
                 every call"
        ))
        }
        Err(e) => {
            return Err(format!(
                "{said}, push_or_give_up returned an error: {}",
                explain_on(e, &pusher)
            ))
        }
    }
    let firsts = [recv_within(&full, PATIENCE), recv_within(&full, PATIENCE)];
    let expected = [one_frame("probe"), one_frame(twice.first.as_str())];
    if firsts
        .iter()
        .zip(&expected)
        .any(|(got, want)| got.as_ref() != Some(want))
    {
        return Err(format!(
            "pushed {:?} to a puller with room; it got {}",
            twice.first,
            show_messages(&firsts.into_iter().flatten().collect::<Vec<_>>())
        ));
    }
    match recv_within(&other, PATIENCE) {
        Some(got) if got == one_frame(twice.second.as_str()) => {
            only_where_given(&pusher, &endpoint, "push_or_give_up", "the PUSH `pusher`")
        }
        Some(got) => Err(format!(
            "{said}: pushed {:?}; the puller got {}",
            twice.second,
            show_message(&got)
        )),
        None => Err(format!(
            "{said}: push_or_give_up said the task was taken, but the puller never got it"
        )),
    }
}

/// No puller at all: give up after the timeout, not before, and not much after.
fn nobody_pulls(push: Push, task: &str, timeout: Duration) -> Check {
    let scene = Scene::new();
    let pusher = scene.bound(zmq::PUSH, &inproc("lonely"))?;
    let task = task.to_string();
    let mut pushing = call(move || (push(&pusher, &task, timeout), pusher));
    let Some(((result, pusher), returned_at)) = pushing.within(timeout + SLACK) else {
        return Err(too_late(format!(
            "with no puller and a timeout of {}, push_or_give_up had not given up {} after the \
             timeout: bound the send by `timeout`, the value you are given (a PUSH with no \
             puller blocks, PL4){}",
            ms(timeout),
            ms(SLACK),
            if timeout.is_zero() {
                "; a timeout of 0 gives up at once, it does not wait for ever"
            } else {
                ""
            }
        )));
    };
    let took = returned_at.saturating_duration_since(pushing.started);
    match result {
        Ok(false) if took + CLOCK_SLACK >= timeout => Ok(()),
        Ok(false) => Err(format!(
            "with no puller and a timeout of {}, push_or_give_up gave up after {}: before the \
             timeout",
            ms(timeout),
            ms(took)
        )),
        Ok(true) => Err("with no puller at all, push_or_give_up says the task was taken".into()),
        Err(e) => Err(format!(
            "with no puller, push_or_give_up returned an error instead of false: {}",
            explain_on(e, &pusher)
        )),
    }
}

/// The world of [`a_puller_arrives`].
struct Arriving {
    timeout: Duration,
    arrives_after: Duration,
    task: String,
}

impl Arriving {
    /// A timeout of over a second, and a puller that comes after longer than the
    /// timeout's part below the second.
    fn new(values: &mut Values) -> Arriving {
        Arriving {
            timeout: values.millis(1_000, 1_250),
            arrives_after: values.millis(300, 450),
            task: values.text(),
        }
    }
}

/// A puller connects while the push waits: the task goes to it, at once.
fn a_puller_arrives(push: Push, arriving: &Arriving) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("arriving");
    let pusher = scene.bound(zmq::PUSH, &endpoint)?;
    let Arriving {
        timeout,
        arrives_after,
        ref task,
    } = *arriving;
    let given = task.clone();
    let mut pushing = call(move || (push(&pusher, &given, timeout), pusher));
    // Tries spread over the timeout, with sleeps between them, miss a puller that comes
    // during a sleep until its end: the function's thread is watched for sleeps.
    let sleeps = SleepWatch::start(pushing.thread);
    // The world of the exercise: the puller comes late, on purpose.
    thread::sleep(arrives_after);
    let puller = scene.own_connected(zmq::PULL, &endpoint)?;
    let connected_at = Instant::now();
    let outcome = pushing.within(timeout + SLACK);
    let slept = sleeps.stop();
    let Some(((result, pusher), returned_at)) = outcome else {
        return Err(too_late(format!(
            "a puller connected {} into a wait of {}, and push_or_give_up had not returned {} \
             after the timeout",
            ms(arrives_after),
            ms(timeout),
            ms(SLACK)
        )));
    };
    match result {
        Ok(true) => {}
        Ok(false) => {
            return Err(format!(
                "a puller connected {} into a wait of {}, yet push_or_give_up gave up after {}",
                ms(arrives_after),
                ms(timeout),
                ms(returned_at.saturating_duration_since(pushing.started))
            ))
        }
        Err(e) => {
            return Err(format!(
                "a puller connected {} into the wait, and push_or_give_up returned an error: {}",
                ms(arrives_after),
                explain_on(e, &pusher)
            ))
        }
    }
    if slept >= SLEPT {
        return Err(format!(
            "a puller connected {} into a wait of {}; push_or_give_up pushed the task, but it \
             slept {} on the way: a sleep between tries is a guess, and a puller that comes \
             during it waits for its end. Send with a send timeout, which goes the moment a \
             puller is there",
            ms(arrives_after),
            ms(timeout),
            ms(slept)
        ));
    }
    let late = returned_at.saturating_duration_since(connected_at);
    if late > SLACK {
        return Err(too_late(format!(
            "a puller connected {} into a wait of {}; push_or_give_up returned true {} after \
             that. A task that can go, goes at once: wait *up to* the timeout, not the whole \
             timeout",
            ms(arrives_after),
            ms(timeout),
            ms(late)
        )));
    }
    match recv_within(&puller, PATIENCE) {
        Some(got) if got == one_frame(task.as_str()) => {
            only_where_given(&pusher, &endpoint, "push_or_give_up", "the PUSH `pusher`")
        }
        Some(got) => Err(format!(
            "pushed {task:?}; the puller got {}",
            show_message(&got)
        )),
        None => Err(
            "push_or_give_up said the task was taken, but the puller never got it".into(),
        ),
    }
}

/// How long each socket that `run_pipeline` or its threads make takes, on the busy
/// machine of its check.
const SLOW_SOCKET: Duration = Duration::from_millis(15);

/// How long `run_pipeline` (or `push_or_give_up`) may be seen asleep before it counts as a
/// guess: a sleep of a millisecond or two in a loop that looks for evidence is not one.
const SLEPT: Duration = Duration::from_millis(20);

/// Where `run_pipeline` binds its ventilator, and a worker of the check's own connects.
pub const PIPELINE_TASKS: &str = "inproc://e11-tasks";
/// Where `run_pipeline` binds its sink.
pub const PIPELINE_RESULTS: &str = "inproc://e11-results";

type Run = fn(&zmq::Context, &[&str], usize) -> zmq::Result<Vec<String>>;

/// How long after its result reached the sink (and its workers ended) `run_pipeline` may
/// return, on a busy machine.
const COLLECTED: Duration = Duration::from_millis(500);

/// One world of exercise 11: the tasks, how many workers of the learner's, and how long
/// the check's own worker takes over the first task it gets.
struct Piped {
    tasks: Vec<String>,
    workers: usize,
    thinks: Duration,
}

impl Piped {
    fn new(values: &mut Values, workers: usize) -> Piped {
        // Enough tasks that a fair share of the check's worker and one of all of them
        // differ.
        let count = values.between(4 * (workers + 1), 6 * (workers + 1));
        // Some tasks are the same text as another: each is a task of its own, with a
        // result of its own.
        let mut tasks = values.texts(count - 2, true);
        let again = tasks[values.between(0, tasks.len() - 1)].clone();
        tasks.insert(values.between(0, tasks.len()), again);
        // And the last task is the same as the first: where the check's worker does every
        // task, the first's result comes last (it takes its time over its first task), so a
        // sink that ticks off results by their text is done before it comes.
        let again = tasks[0].clone();
        tasks.push(again);
        Piped {
            tasks,
            workers,
            // Longer than the wait of a sink that stops when no result has come for a
            // while, and far longer than it may take to return once the result is in.
            thinks: values.millis(900, 1_200),
        }
    }
}

pub fn pipeline(run: Run) -> Check {
    let mut values = Values::for_exercise(11);
    // Two to four workers of the learner's; and none, when the check's worker does every
    // task.
    let workers = values.between(2, 4);
    let mut worlds: Vec<Piped> = [workers, 0]
        .map(|workers| Piped::new(&mut values, workers))
        .into();
    // And one where every result comes at once: workers that stop by themselves a while
    // after their last task, but are not joined, are still running when it returns.
    let quick_workers = values.between(2, 4);
    let mut quick = Piped::new(&mut values, quick_workers);
    quick.thinks = Duration::ZERO;
    worlds.push(quick);
    // And one with more tasks for each worker than the queues between it and the sink
    // hold (about 2,000 on inproc): a worker whose results nobody reads meanwhile blocks
    // on its send, and one joined before the sink reads is never done.
    // And one with fewer tasks than workers: a worker that takes its "share" of none
    // stops before its tasks come.
    let few_workers = values.between(3, 4);
    let mut few = Piped::new(&mut values, few_workers);
    let few_tasks = values.between(2, few_workers - 1);
    few.tasks = values.texts(few_tasks, true);
    few.thinks = Duration::ZERO;
    worlds.push(few);
    let mut many = Piped::new(&mut values, 1);
    many.tasks = values.texts(2 * 2_600, true);
    many.thinks = Duration::ZERO;
    worlds.push(many);
    side_by_side(
        worlds
            .into_iter()
            .map(|world| -> Box<dyn FnOnce() -> Check + Send> {
                Box::new(move || confirmed(|| piped(run, &world)))
            })
            .collect(),
    )
}

fn piped(run: Run, world: &Piped) -> Check {
    let scene = Scene::new();
    let Piped {
        ref tasks,
        workers,
        thinks,
    } = *world;
    let count = tasks.len();

    // The check's own worker joins the learner's ventilator and sink, one worker among
    // `workers + 1`: it takes its share, and its share shows how many were taking part.
    // It takes a long while over the first task it gets: that result comes last.
    let input = scene.own_connected(zmq::PULL, PIPELINE_TASKS)?;
    let output = scene.own_connected(zmq::PUSH, PIPELINE_RESULTS)?;
    let finished = Arc::new(AtomicBool::new(false));
    let taken = Arc::new(AtomicUsize::new(0));

    let context = scene.context().clone();
    let given = tasks.clone();
    let (slowing, slowed) = mpsc::channel();
    let mut running = call(move || {
        // The world of the exercise: a busy machine, on which each socket the learner's
        // threads make takes a while, so that a worker is slow to connect.
        let _ = slowing.send(SlowSockets::on_this_thread(SLOW_SOCKET));
        let given: Vec<&str> = given.iter().map(String::as_str).collect();
        run(&context, &given, workers)
    });
    let slow = slowed.recv_timeout(PATIENCE).ok().flatten();
    // The learner's threads, where they can be watched: all but the function's own.
    let watched = slow.clone().zip(running.thread);
    // A sleep before the tasks are pushed stands in for the evidence that the workers
    // are connected: the watch ends when the check's worker gets its first task.
    let sleeps = SleepWatch::start(running.thread);
    let ours = {
        let (finished, taken, watched) =
            (finished.clone(), taken.clone(), watched.clone());
        let pushed = sleeps.stop_flag();
        thread::spawn(move || {
            let watched = watched.as_ref();
            check_worker(&input, &output, &finished, &pushed, &taken, thinks, watched)
        })
    };
    let bound = PATIENCE * 2;
    let outcome = running.within(bound);
    let slept = sleeps.stop();
    // Which of the threads `run_pipeline` started still run now that it returned.
    let still_running = watched.map_or(0, |(slow, own)| slow.running(Some(own)));
    finished.store(true, Ordering::Relaxed);
    let (thought_out, seen_running) = ours.join().unwrap_or_default();
    let Some((result, returned_at)) = outcome else {
        return Err(format!(
            "run_pipeline did not return within {} ({count} tasks, {workers} workers): does it \
             collect exactly tasks.len() results, and do its workers stop?",
            ms(bound)
        ));
    };
    let results =
        result.map_err(|e| format!("run_pipeline returned an error: {}", explain(e)))?;
    let expected: Vec<String> = tasks.iter().map(|t| done(t)).collect();
    let difference = bag_difference(&expected, &results);
    if !difference.is_empty() {
        // The result the check's worker took a long while over was still to come.
        let thinking = taken.load(Ordering::Relaxed) > 0
            && thought_out.is_none_or(|at| at > returned_at);
        let slow_result = if thinking && results.len() < count {
            format!(
                " A result may be a long while coming: the check's worker took {} over one of \
                 its tasks, and run_pipeline returned before that result came. Collect exactly \
                 tasks.len() results, however long they take",
                ms(thinks)
            )
        } else {
            String::new()
        };
        return Err(format!(
            "{count} tasks{}; run_pipeline returned {} results: {difference}. One result per \
             task, none twice (PL1).{slow_result}",
            if workers == 0 {
                ", no workers of yours (the check's does them all)"
            } else {
                ""
            },
            results.len()
        ));
    }
    if still_running > 0 {
        return Err(format!(
            "every task had its result, but run_pipeline returned while {still_running} of the \
             threads it started were still running: join every worker before returning (a \
             worker stops once no task has come for a while, a receive timeout). A thread left \
             behind waits with its sockets for as long as the program runs"
        ));
    }
    if let Some(last_result) = thought_out {
        // Once the last result is in and the workers have ended, nothing is left to wait
        // for. (Where the learner's threads cannot be watched, their end is not known.)
        if slow.is_some() && running.thread.is_some() {
            let since = seen_running.map_or(last_result, |seen| seen.max(last_result));
            let late = returned_at.saturating_duration_since(since);
            if late > COLLECTED {
                return Err(too_late(format!(
                    "the last result reached the sink, and your workers had ended, {} before \
                     run_pipeline returned: once tasks.len() results are in, return. Waiting \
                     until no result has come for a while only guesses: a result may be a long \
                     while coming (the check's worker took {} over one)",
                    ms(late),
                    ms(thinks)
                )));
            }
        }
    }
    if slept >= SLEPT {
        return Err(format!(
            "every task had its result, but run_pipeline slept (for about {}, seen from \
             outside in the thread it ran on): a sleep only guesses how long the workers take \
             to connect, and a busy machine makes the guess wrong. Have each worker say when \
             it has connected, and push once all of them have (PL2)",
            ms(slept)
        ));
    }
    let share = taken.load(Ordering::Relaxed);
    let fair = count.div_ceil(workers + 1);
    if share == 0 {
        return Err(format!(
            "the check's worker, connected to {PIPELINE_TASKS}, got no task: bind the \
             ventilator at {PIPELINE_TASKS} and the sink at {PIPELINE_RESULTS}"
        ));
    }
    // Dealt in turn among the workers connected, the check's worker takes a fair share,
    // give or take one: fewer means more workers took part than were asked for, more that
    // some were not connected yet. (With thousands of tasks, a queue that fills lets the
    // others take more, either way: a busy machine that slows the learner's workers gave
    // the check's 3,000 of 5,200 with one of the learner's. Not judged there: the worlds of
    // fewer tasks judge it.)
    let judged = count < 1_000;
    if share < count / (workers + 1) && judged {
        return Err(format!(
            "the check's worker took {share} of the {count} tasks, fewer than a fair share \
             among {} workers ({fair}): more workers took tasks than the {workers} asked for{}",
            workers + 1,
            if workers == 0 {
                "; with `workers` 0 the check's worker does every task"
            } else {
                ""
            }
        ));
    }
    if share > fair && judged {
        let machine = match slow.map(|slow| slow.slowed()) {
            Some(slowed) if slowed > 0 => format!(
                " Here each of the {slowed} sockets your threads made took {} to make, and \
                 each worker's first connects as long, as on a busy machine: a worker is \
                 connected once its `connect` has returned, not before.",
                ms(SLOW_SOCKET)
            ),
            _ => String::new(),
        };
        return Err(format!(
            "the check's worker, one of {} connected workers (yours and the check's), took {share} \
             of the {count} tasks; a fair share is {fair}. Not all of your {workers} workers \
             were taking tasks when they were pushed: start them, wait until each has \
             connected, then push (a PUSH deals only to pullers already connected, PL2).{machine}",
            workers + 1
        ));
    }
    Ok(())
}

/// The check's own worker: it takes tasks from `input` and passes their results to
/// `output` at once, but for the first task it gets, whose result goes out `thinks` later
/// (and it sets `pushed` when that task comes). Once that last result is out, it watches
/// the learner's threads (`watched`: the threads seen, and the function's own thread, left
/// aside) until `finished`. Returns when that result went out, and when one of the
/// learner's threads was last seen running after it.
fn check_worker(
    input: &zmq::Socket,
    output: &zmq::Socket,
    finished: &AtomicBool,
    pushed: &AtomicBool,
    taken: &AtomicUsize,
    thinks: Duration,
    watched: Option<&(SlowSockets, u32)>,
) -> (Option<Instant>, Option<Instant>) {
    let mut idle_since = Instant::now();
    // The result it is thinking over, and when it goes out.
    let mut thinking: Option<(String, Instant)> = None;
    let (mut thought_out, mut seen_running) = (None, None);
    // Reading which threads run takes a look at each in /proc: once a millisecond is
    // enough, and a look at every one of thousands of tasks would slow the world down.
    let mut looked = Instant::now();
    while !finished.load(Ordering::Relaxed)
        && (idle_since.elapsed() < PATIENCE
            || thinking.is_some()
            || thought_out.is_some())
    {
        if thought_out.is_some() && looked.elapsed() >= Duration::from_millis(1) {
            looked = Instant::now();
            if let Some((slow, own)) = watched {
                if slow.running(Some(*own)) > 0 {
                    seen_running = Some(looked);
                }
            }
        }
        let mut wait = Duration::from_millis(20);
        if let Some((result, due)) = &thinking {
            let now = Instant::now();
            if now >= *due {
                if output.send(result.as_str(), 0).is_err() {
                    break;
                }
                thought_out = Some(Instant::now());
                thinking = None;
                continue;
            }
            wait = wait.min(*due - now);
        }
        if let Some(task) = recv_within(input, wait) {
            let first = taken.fetch_add(1, Ordering::Relaxed) == 0;
            // A task of several frames is not one of those pushed: its result shows it.
            let result = match task.as_slice() {
                [one] => done(&String::from_utf8_lossy(one)),
                _ => done(&show_messages(&[task])),
            };
            if first {
                pushed.store(true, Ordering::Relaxed);
                // The world of the exercise: a worker may take a long while.
                thinking = Some((result, Instant::now() + thinks));
            } else if output.send(result.as_str(), 0).is_err() {
                break;
            }
            idle_since = Instant::now();
        }
    }
    (thought_out, seen_running)
}
