//! The primer's three programs, run: what the book's "ZeroMQ in ten minutes" shows is
//! what happens.

use zmq_workbook::lab::{Lab, Transport};
use zmq_workbook::primer;

use crate::harness::watchdog;

#[test]
fn primer_request_reply_answers_world() {
    watchdog(|| {
        let lab = Lab::new()?;
        assert_eq!(
            primer::request_reply(&lab.free_endpoint(Transport::Tcp)?)?,
            b"world"
        );
        Ok(())
    })
}

#[test]
fn primer_publish_subscribe_delivers_what_begins_with_the_filter() {
    watchdog(|| {
        let lab = Lab::new()?;
        let received = primer::publish_subscribe(&lab.free_endpoint(Transport::Tcp)?)?;
        assert_eq!(received, [b"123 first".to_vec(), b"123 second".to_vec()]);
        Ok(())
    })
}

#[test]
fn primer_pipeline_carries_every_task_to_the_sink() {
    watchdog(|| {
        let lab = Lab::new()?;
        let (tasks, results) = (
            lab.free_endpoint(Transport::Ipc)?,
            lab.free_endpoint(Transport::Ipc)?,
        );
        let received = primer::pipeline(&tasks, &results)?;
        assert_eq!(
            received,
            [b"task 1".to_vec(), b"task 2".to_vec(), b"task 3".to_vec()]
        );
        Ok(())
    })
}
