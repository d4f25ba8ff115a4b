//! The checks of the pipeline exercises (9–11).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{
    call, confirmed, explain, explain_on, inproc, ms, recv_one_within, recv_until, setup,
    side_by_side, too_late, Check, Scene, CLOCK_SLACK, PATIENCE, RETURN_BOUND, SLACK,
};
use super::values::{bag_difference, show_all, show_texts, Values};

type Work = fn(&zmq::Socket, &zmq::Socket, usize) -> zmq::Result<()>;

fn done(task: &str) -> String {
    format!("done: {task}")
}

pub fn worker(work: Work) -> Check {
    let mut values = Values::for_exercise(9);
    confirmed(|| one_worker(work, &mut values))
}

fn one_worker(work: Work, values: &mut Values) -> Check {
    let scene = Scene::new();
    let (to_workers, from_workers) = (inproc("tasks"), inproc("results"));
    let ventilator = scene.own_bound(zmq::PUSH, &to_workers)?;
    let tasks = scene.connected(zmq::PULL, &to_workers)?;
    let sink = scene.own_bound(zmq::PULL, &from_workers)?;
    let results = scene.connected(zmq::PUSH, &from_workers)?;
    let count = values.between(3, 9);
    let more = values.between(1, 3);
    // One of the tasks to take is empty: nothing to do, but it must go on like the
    // others.
    let mut sent = values.texts(count + more, false);
    let empty = values.between(0, count - 1);
    sent[empty] = String::new();
    let first_after = values.millis(30, 120);

    let mut working = call(move || (work(&tasks, &results, count), tasks, results));
    // The world of the exercise: the first task comes a moment after the worker is ready,
    // and more tasks than `count` come: the rest are for the next worker.
    thread::sleep(first_after);
    if working.has_returned() {
        return Err(match working.within(Duration::ZERO) {
            Some(((Err(e), tasks, _), _)) => format!(
                "work returned an error before the first task came: {}",
                explain_on(e, &tasks)
            ),
            _ => format!(
                "work returned before the first task came ({} after it started): it must wait \
                 for `count` tasks",
                ms(first_after)
            ),
        });
    }
    for task in &sent {
        setup(ventilator.send(task.as_str(), 0), "push a task")?;
    }
    let mut arrived = Vec::new();
    while arrived.len() < count {
        match recv_one_within(&sink, PATIENCE) {
            Some(result) => arrived.push(result),
            None => break,
        }
    }
    let Some(((result, tasks, results), _)) = working.within(RETURN_BOUND) else {
        return Err(if arrived.len() >= count {
            too_late(format!(
                "work passed on {count} tasks as asked, then did not return within {}: it must \
                 take `count` tasks and return. A loop until recv fails never ends in real use: \
                 more tasks may always come",
                ms(RETURN_BOUND)
            ))
        } else {
            format!(
                "{} tasks were pushed and {} results reached the sink; work is still running",
                sent.len(),
                arrived.len()
            )
        });
    };
    result.map_err(|e| format!("work returned an error: {}", explain_on(e, &tasks)))?;
    // Everything the worker sent is in the pipe to the sink before this last message.
    let end = values.sentinel();
    if results.send(end.as_slice(), zmq::DONTWAIT).is_err() {
        return Err(format!(
            "after work returned, the pipe to the sink was full: it sent far more than the \
             {count} results asked for"
        ));
    }
    let (rest, _) = recv_until(&sink, &end);
    arrived.extend(rest);
    let expected: Vec<Vec<u8>> = sent[..count]
        .iter()
        .map(|task| done(task).into_bytes())
        .collect();
    if arrived != expected {
        let arrived: Vec<String> = arrived
            .iter()
            .map(|r| String::from_utf8_lossy(r).into_owned())
            .collect();
        let expected: Vec<String> = sent[..count].iter().map(|t| done(t)).collect();
        return Err(format!(
            "asked for {count} tasks; the sink got {}, expected {}: each task once, in the \
             order it came (PL1)",
            show_texts(&arrived),
            show_texts(&expected)
        ));
    }
    // The tasks beyond `count` must still be waiting, untouched, for the next worker.
    let mut left = Vec::new();
    while left.len() < more {
        match recv_one_within(&tasks, PATIENCE) {
            Some(task) => left.push(task),
            None => break,
        }
    }
    let expected_left: Vec<Vec<u8>> = sent[count..]
        .iter()
        .map(|t| t.clone().into_bytes())
        .collect();
    if left != expected_left {
        return Err(format!(
            "work was asked for {count} tasks of the {} pushed; afterwards the tasks left \
             were {}, expected {}: it took more than it passed on",
            sent.len(),
            show_all(&left),
            show_all(&expected_left)
        ));
    }
    Ok(())
}

type Push = fn(&zmq::Socket, &str, Duration) -> zmq::Result<bool>;

pub fn push_or_give_up(push: Push) -> Check {
    let mut values = Values::for_exercise(10);
    // Two timeouts far enough apart that no single fixed wait fits both.
    let short = values.millis(150, 250);
    let long = short + values.millis(400, 500);
    let (task, other) = (values.text(), values.text());
    side_by_side(vec![
        Box::new(move || confirmed(|| nobody_pulls(push, &task, short))),
        Box::new(move || confirmed(|| nobody_pulls(push, &other, long))),
    ])?;
    confirmed(|| a_puller_arrives(push, &mut values))
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
             puller blocks, PL4)",
            ms(timeout),
            ms(SLACK)
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

/// A puller connects while the push waits: the task goes to it, at once.
fn a_puller_arrives(push: Push, values: &mut Values) -> Check {
    let scene = Scene::new();
    let endpoint = inproc("arriving");
    let pusher = scene.bound(zmq::PUSH, &endpoint)?;
    let timeout = values.millis(600, 800);
    let arrives_after = values.millis(80, 160);
    let task = values.text();
    let given = task.clone();
    let mut pushing = call(move || (push(&pusher, &given, timeout), pusher));
    // The world of the exercise: the puller comes late, on purpose.
    thread::sleep(arrives_after);
    let puller = scene.own_connected(zmq::PULL, &endpoint)?;
    let connected_at = Instant::now();
    let Some(((result, pusher), returned_at)) = pushing.within(timeout + SLACK) else {
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
    match recv_one_within(&puller, PATIENCE) {
        Some(got) if got == task.as_bytes() => Ok(()),
        Some(got) => Err(format!(
            "pushed {task:?}; the puller got {:?}",
            String::from_utf8_lossy(&got)
        )),
        None => Err(
            "push_or_give_up said the task was taken, but the puller never got it".into(),
        ),
    }
}

/// Where `run_pipeline` binds its ventilator, and a worker of the check's own connects.
pub const PIPELINE_TASKS: &str = "inproc://e11-tasks";
/// Where `run_pipeline` binds its sink.
pub const PIPELINE_RESULTS: &str = "inproc://e11-results";

type Run = fn(&zmq::Context, &[&str], usize) -> zmq::Result<Vec<String>>;

pub fn pipeline(run: Run) -> Check {
    let mut values = Values::for_exercise(11);
    let scene = Scene::new();
    let workers = values.between(2, 4);
    // Enough tasks that a fair share of the check's worker and one of all of them differ.
    let count = values.between(4 * (workers + 1), 6 * (workers + 1));
    let tasks = values.texts(count, true);

    // The check's own worker joins the learner's ventilator and sink, one worker among
    // `workers + 1`: it takes its share, and its share shows how many were taking part.
    let input = scene.own_connected(zmq::PULL, PIPELINE_TASKS)?;
    let output = scene.own_connected(zmq::PUSH, PIPELINE_RESULTS)?;
    let finished = Arc::new(AtomicBool::new(false));
    let taken = Arc::new(AtomicUsize::new(0));
    let ours = {
        let (finished, taken) = (finished.clone(), taken.clone());
        thread::spawn(move || {
            let mut idle_since = Instant::now();
            while !finished.load(Ordering::Relaxed) && idle_since.elapsed() < PATIENCE {
                if let Some(task) = recv_one_within(&input, Duration::from_millis(20)) {
                    taken.fetch_add(1, Ordering::Relaxed);
                    let result = done(&String::from_utf8_lossy(&task));
                    if output.send(result.as_str(), 0).is_err() {
                        return;
                    }
                    idle_since = Instant::now();
                }
            }
        })
    };

    let context = scene.context().clone();
    let given = tasks.clone();
    let mut running = call(move || {
        let given: Vec<&str> = given.iter().map(String::as_str).collect();
        run(&context, &given, workers)
    });
    let bound = PATIENCE * 2;
    let outcome = running.within(bound);
    finished.store(true, Ordering::Relaxed);
    let _ = ours.join();
    let Some((result, _)) = outcome else {
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
        return Err(format!(
            "{count} tasks; run_pipeline returned {} results: {difference}. One result per \
             task, none twice (PL1)",
            results.len()
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
    if share > fair {
        return Err(format!(
            "the check's worker, one of {} connected workers (yours and the check's), took {share} \
             of the {count} tasks; a fair share is {fair}. Not all of your {workers} workers \
             were taking tasks when they were pushed: start them, wait until each has \
             connected, then push (a PUSH deals only to pullers already connected, PL2)",
            workers + 1
        ));
    }
    Ok(())
}
