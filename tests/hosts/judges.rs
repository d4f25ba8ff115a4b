//! The judges of the experiments across hosts: fed a run that cannot prove its set-up,
//! they refuse it, each part alone; fed another world, they disagree. They need no
//! privilege: these run everywhere.

use std::time::Duration;

use zmq_workbook::claims::network::dead_host::{
    came_back, dead_peer, healed, joined, lossy, Across, CameBack, Cut, DeadPeer, Guard,
    Guards, Healed, Joined, Keepalive, Lossy, Placed, BACK_WINDOW, DEAD_WINDOW,
    JOINER_MESSAGES, KEEPALIVE,
};
use zmq_workbook::claims::Finding;
use zmq_workbook::lab::hosts::Counted;

fn placed() -> Placed {
    Placed {
        endpoint: "tcp://198.18.0.1:40000".into(),
        in_namespaces: true,
        absent_outside: true,
    }
}

const DROPPED: Cut = Cut::Dropped(Counted {
    packets: 12,
    bytes: 900,
    seen: 0,
});

fn good_healed() -> Healed {
    Healed {
        across: Across::Hosts,
        placed: placed(),
        heartbeats: [None, None],
        asked: Duration::from_secs(1),
        lasted: Duration::from_millis(1001),
        cut: DROPPED,
        accepted: 80,
        lost: vec![],
        in_order: true,
        flowed_again: Some(Duration::from_millis(600)),
        disconnected: false,
    }
}

fn refused(what: &str, finding: &Finding) {
    assert!(!finding.agrees(), "{what}: {finding}");
    assert!(
        finding.to_string().contains("set-up not proven"),
        "{what}: {finding}"
    );
}

#[test]
fn hosts_judge_of_a_healed_partition_refuses_a_run_that_cannot_prove_its_set_up() {
    let good = good_healed();
    assert!(healed(None, &good).agrees(), "{}", healed(None, &good));
    let spoiled: Vec<(&str, Healed)> = vec![
        (
            "bound outside host A",
            Healed {
                placed: Placed {
                    endpoint: "tcp://127.0.0.1:40000".into(),
                    ..placed()
                },
                ..good.clone()
            },
        ),
        (
            "not in the namespaces",
            Healed {
                placed: Placed {
                    in_namespaces: false,
                    ..placed()
                },
                ..good.clone()
            },
        ),
        (
            "address present outside",
            Healed {
                placed: Placed {
                    absent_outside: false,
                    ..placed()
                },
                ..good.clone()
            },
        ),
        (
            "nothing dropped",
            Healed {
                cut: Cut::Dropped(Counted::default()),
                ..good.clone()
            },
        ),
        (
            "a relay's cut across hosts",
            Healed {
                cut: Cut::Carried(0),
                ..good.clone()
            },
        ),
        (
            "heartbeats read back",
            Healed {
                heartbeats: [None, Some(zmq_workbook::claims::network::Heartbeats::LAB)],
                ..good.clone()
            },
        ),
        (
            "a partition cut short",
            Healed {
                lasted: Duration::from_millis(999),
                ..good.clone()
            },
        ),
    ];
    for (what, run) in spoiled {
        refused(what, &healed(None, &run));
    }
    let relay = Healed {
        across: Across::Relay,
        placed: Placed {
            endpoint: "tcp://127.0.0.1:40000".into(),
            in_namespaces: false,
            absent_outside: false,
        },
        cut: Cut::Carried(0),
        ..good.clone()
    };
    assert!(healed(None, &relay).agrees(), "{}", healed(None, &relay));
    refused(
        "a relay that carried bytes while cut",
        &healed(
            None,
            &Healed {
                cut: Cut::Carried(5),
                ..relay
            },
        ),
    );
}

#[test]
fn hosts_judge_of_a_healed_partition_disagrees_with_another_world() {
    let good = good_healed();
    for (what, run) in [
        (
            "lost without heartbeats",
            Healed {
                lost: vec![3],
                ..good.clone()
            },
        ),
        (
            "dropped without heartbeats",
            Healed {
                disconnected: true,
                ..good.clone()
            },
        ),
        (
            "never flowed again",
            Healed {
                flowed_again: None,
                ..good.clone()
            },
        ),
        (
            "out of order",
            Healed {
                in_order: false,
                ..good.clone()
            },
        ),
    ] {
        assert!(!healed(None, &run).agrees(), "{what}");
    }
    let with = Some(zmq_workbook::claims::network::Heartbeats::LAB);
    let kept = Healed {
        heartbeats: [with, with],
        ..good
    };
    assert!(
        !healed(with, &kept).agrees(),
        "heartbeats that dropped nothing"
    );
    assert!(healed(
        with,
        &Healed {
            disconnected: true,
            lost: vec![1, 2],
            ..kept
        }
    )
    .agrees());
}

fn good_dead_peer() -> DeadPeer {
    DeadPeer {
        across: Across::Hosts,
        guard: Guard::Keepalive,
        sending: false,
        placed: placed(),
        guards: Guards {
            keepalive: KEEPALIVE,
            maxrt: 0,
            heartbeats: None,
        },
        kernel_keepalive: true,
        cut: DROPPED,
        noticed: Some(Duration::from_millis(4100)),
        watched: Duration::from_millis(4100),
    }
}

#[test]
fn hosts_judge_of_a_dead_peer_refuses_a_run_that_cannot_prove_its_set_up() {
    let good = good_dead_peer();
    assert!(dead_peer(&good).agrees(), "{}", dead_peer(&good));
    let no_keepalive = Keepalive {
        on: -1,
        ..KEEPALIVE
    };
    for (what, run) in [
        (
            "keepalive not read back",
            DeadPeer {
                guards: Guards {
                    keepalive: no_keepalive,
                    ..good.guards
                },
                ..good.clone()
            },
        ),
        (
            "a user timeout beside keepalive",
            DeadPeer {
                guards: Guards {
                    maxrt: 2000,
                    ..good.guards
                },
                ..good.clone()
            },
        ),
        (
            "nothing dropped",
            DeadPeer {
                cut: Cut::Dropped(Counted::default()),
                ..good.clone()
            },
        ),
        (
            "not in the namespaces",
            DeadPeer {
                placed: Placed {
                    in_namespaces: false,
                    ..placed()
                },
                ..good.clone()
            },
        ),
        (
            "watched too short",
            DeadPeer {
                noticed: None,
                watched: DEAD_WINDOW / 2,
                ..good.clone()
            },
        ),
        (
            "the control's keepalive not in the kernel",
            DeadPeer {
                guard: Guard::PlainKeepalive,
                kernel_keepalive: false,
                noticed: None,
                watched: DEAD_WINDOW,
                ..good.clone()
            },
        ),
    ] {
        refused(what, &dead_peer(&run));
    }
}

#[test]
fn hosts_judge_of_a_dead_peer_disagrees_with_another_world() {
    let good = good_dead_peer();
    for (what, run) in [
        (
            "keepalive idle, never noticed",
            DeadPeer {
                noticed: None,
                watched: DEAD_WINDOW,
                ..good.clone()
            },
        ),
        (
            "keepalive that never reached the kernel, noticed",
            DeadPeer {
                kernel_keepalive: false,
                ..good.clone()
            },
        ),
        (
            "keepalive sending, noticed",
            DeadPeer {
                sending: true,
                ..good.clone()
            },
        ),
        (
            "keepalive across the relay, noticed",
            DeadPeer {
                across: Across::Relay,
                placed: Placed {
                    endpoint: "tcp://127.0.0.1:1".into(),
                    ..placed()
                },
                cut: Cut::Carried(0),
                ..good.clone()
            },
        ),
    ] {
        assert!(!dead_peer(&run).agrees(), "{what}");
    }
}

fn good_came_back() -> CameBack {
    CameBack {
        across: Across::Hosts,
        placed: placed(),
        heartbeats: [None, None],
        cut: DROPPED,
        same_endpoint: true,
        forgotten: 1,
        noticed: None,
        flowed_again: None,
        watched: BACK_WINDOW,
    }
}

#[test]
fn hosts_judge_of_a_host_that_came_back_refuses_a_run_that_cannot_prove_its_set_up() {
    let good = good_came_back();
    assert!(
        came_back(None, &good).agrees(),
        "{}",
        came_back(None, &good)
    );
    for (what, run) in [
        (
            "another endpoint",
            CameBack {
                same_endpoint: false,
                ..good.clone()
            },
        ),
        (
            "nothing forgotten",
            CameBack {
                forgotten: 0,
                ..good.clone()
            },
        ),
        (
            "watched too short",
            CameBack {
                watched: BACK_WINDOW / 2,
                ..good.clone()
            },
        ),
        (
            "nothing dropped",
            CameBack {
                cut: Cut::Dropped(Counted::default()),
                ..good.clone()
            },
        ),
    ] {
        refused(what, &came_back(None, &run));
    }
}

#[test]
fn hosts_judge_of_a_host_that_came_back_disagrees_with_another_world() {
    let good = good_came_back();
    let soon = Some(Duration::from_millis(30));
    let noticed = CameBack {
        noticed: soon,
        flowed_again: soon,
        ..good.clone()
    };
    assert!(
        !came_back(None, &noticed).agrees(),
        "an idle peer without heartbeats noticed"
    );
    let with = Some(zmq_workbook::claims::network::Heartbeats::LAB);
    let with_good = CameBack {
        heartbeats: [with, with],
        ..noticed.clone()
    };
    assert!(
        came_back(with, &with_good).agrees(),
        "{}",
        came_back(with, &with_good)
    );
    let never = CameBack {
        noticed: None,
        flowed_again: None,
        ..with_good
    };
    assert!(
        !came_back(with, &never).agrees(),
        "heartbeats that never noticed"
    );
}

fn good_lossy() -> Lossy {
    Lossy {
        across: Across::Hosts,
        placed: placed(),
        heartbeats: [None, None],
        loss: 10,
        cut: Cut::Dropped(Counted {
            packets: 20,
            bytes: 1500,
            seen: 200,
        }),
        accepted: (0..5).collect(),
        received: (0..5).collect(),
        latencies: vec![Duration::from_millis(1); 5],
        dropped: 0,
    }
}

#[test]
fn hosts_judge_of_a_lossy_link_refuses_a_run_that_cannot_prove_its_loss() {
    let good = good_lossy();
    assert!(lossy(None, &good).agrees(), "{}", lossy(None, &good));
    let nothing_seen = Cut::Dropped(Counted {
        packets: 0,
        bytes: 0,
        seen: 0,
    });
    let nothing_dropped = Cut::Dropped(Counted {
        packets: 0,
        bytes: 0,
        seen: 200,
    });
    for (what, run) in [
        (
            "the rules saw nothing",
            Lossy {
                cut: nothing_seen,
                ..good.clone()
            },
        ),
        (
            "10 % dropped nothing",
            Lossy {
                cut: nothing_dropped,
                ..good.clone()
            },
        ),
        (
            "no loss across hosts",
            Lossy {
                cut: Cut::Lossless,
                ..good.clone()
            },
        ),
        (
            "a latency missing",
            Lossy {
                latencies: vec![],
                ..good.clone()
            },
        ),
    ] {
        refused(what, &lossy(None, &run));
    }
    // 1 % may drop nothing in a short run: the rules saw packets, and that is the proof.
    assert!(lossy(
        None,
        &Lossy {
            loss: 1,
            cut: nothing_dropped,
            ..good.clone()
        }
    )
    .agrees());
}

#[test]
fn hosts_judge_of_a_lossy_link_disagrees_with_another_world() {
    let good = good_lossy();
    for (what, run) in [
        (
            "one lost",
            Lossy {
                received: vec![0, 1, 2, 4],
                latencies: vec![Duration::ZERO; 4],
                ..good.clone()
            },
        ),
        (
            "one twice",
            Lossy {
                received: vec![0, 1, 2, 3, 3, 4],
                latencies: vec![Duration::ZERO; 6],
                ..good.clone()
            },
        ),
        (
            "out of order",
            Lossy {
                received: vec![0, 2, 1, 3, 4],
                ..good.clone()
            },
        ),
    ] {
        assert!(!lossy(None, &run).agrees(), "{what}");
    }
    let with = Some(zmq_workbook::claims::network::Heartbeats::LAB);
    let lost_with = Lossy {
        heartbeats: [with, with],
        received: vec![0, 1, 2],
        latencies: vec![Duration::ZERO; 3],
        ..good
    };
    assert!(!lossy(with, &lost_with).agrees(), "lost without a drop");
    assert!(lossy(
        with,
        &Lossy {
            dropped: 1,
            ..lost_with
        }
    )
    .agrees());
}

fn good_joined() -> Joined {
    Joined {
        across: Across::Hosts,
        placed: placed(),
        cut: Cut::Dropped(Counted {
            packets: 10,
            bytes: 900,
            seen: 0,
        }),
        received: (40..JOINER_MESSAGES).collect(),
    }
}

#[test]
fn hosts_judge_of_a_slow_joiner_wants_the_slow_link_proven_and_every_message_after_the_join(
) {
    let good = good_joined();
    assert!(joined(&good).agrees(), "{}", joined(&good));
    assert_eq!(good.missed(), Some(40));
    refused(
        "the slow link sent nothing",
        &joined(&Joined {
            cut: Cut::Dropped(Counted::default()),
            ..good.clone()
        }),
    );
    refused(
        "no slow link",
        &joined(&Joined {
            cut: Cut::Lossless,
            ..good.clone()
        }),
    );
    let mut gap = good.received.clone();
    gap.remove(10);
    assert!(
        !joined(&Joined {
            received: gap,
            ..good.clone()
        })
        .agrees(),
        "a gap after the join"
    );
    assert!(
        !joined(&Joined {
            received: vec![],
            ..good
        })
        .agrees(),
        "never joined"
    );
}
