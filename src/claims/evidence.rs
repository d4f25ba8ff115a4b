//! What a live run of an experiment saw: observations put in words from the values it
//! measured, each judged against the verdict, and the figures that vary from run to run.

use std::fmt;
use std::time::{Duration, Instant};

use crate::lab::Transport;
use crate::tr;

/// One thing a run observed: `text` is rendered from what was measured (a count, a
/// sequence, an error's name), so a different world reads differently; `agrees` says
/// whether it is what the verdict states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub text: String,
    pub agrees: bool,
}

/// What a live run of an experiment saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finding {
    /// What the verdict rests on, in words that do not change from run to run while the
    /// world stays as the verdict says: the verdict table and its snapshot in the book
    /// show these.
    pub observations: Vec<Observation>,
    /// What varies with the machine (timings, losses over repetitions): `cargo run`
    /// prints these.
    pub figures: Vec<String>,
    /// What the run proves of the world it made before it measured anything: the
    /// transport it really used, a peer connected before a wait for silence, a link that
    /// really carried nothing, the signal that really ended a process, the settings read
    /// back from the sockets. Not evidence of the claim, and not shown while proven; a run
    /// that cannot prove its set-up proves nothing, so it does not agree.
    pub set_up: Vec<Observation>,
}

impl Finding {
    pub fn new() -> Finding {
        Finding::default()
    }

    /// Records an observation. Render `text` from the measured values, never type the
    /// expected result beside a flag: the text must read differently when the world is
    /// different.
    pub fn observe(&mut self, agrees: bool, text: impl Into<String>) -> &mut Finding {
        self.observations.push(Observation {
            text: text.into(),
            agrees,
        });
        self
    }

    /// Records what the run proves of its own set-up (see [`Finding::set_up`]): `proven`
    /// must come from what the run measured (an endpoint read back, a monitor event, an
    /// exit signal, an option read from the socket), and `text` says what it showed.
    pub fn set_up(&mut self, proven: bool, text: impl Into<String>) -> &mut Finding {
        self.set_up.push(Observation {
            text: text.into(),
            agrees: proven,
        });
        self
    }

    /// Proves the transport a run used from the endpoint it read back from its socket.
    pub fn used_transport(&mut self, wanted: Transport, endpoint: &str) -> &mut Finding {
        let used = crate::lab::transport_of(endpoint);
        self.set_up(
            used == Some(wanted),
            tr!("set-up-transport", wanted = wanted, endpoint = endpoint),
        )
    }

    /// Proves a run's set-up before a wait: the transport it used and the peers connected.
    pub fn ready(
        &mut self,
        wanted: Transport,
        ready: &crate::lab::Ready,
        peers: usize,
    ) -> &mut Finding {
        self.used_transport(wanted, &ready.endpoint);
        self.set_up(
            ready.peers == peers,
            tr!("set-up-peers", connected = ready.peers, due = peers),
        )
    }

    /// Proves that `took`, the duration a run reports for `what`, was measured on this
    /// run's clock: it is the span of the readings taken around the call. A duration taken
    /// from anywhere else (the timeout the call was given) is not.
    pub fn measured(
        &mut self,
        what: &str,
        took: Duration,
        clock: &Clocked,
    ) -> &mut Finding {
        self.set_up(
            took == clock.span(),
            tr!(
                "set-up-measured",
                what = what,
                took = super::ms(took),
                clock = super::ms(clock.span())
            ),
        )
    }

    /// Guards a judgement against a missing result: if `got` results came where
    /// `expected` were due, that is an observation that disagrees (a loop over too few
    /// results would otherwise agree by saying nothing). Returns whether the count was
    /// right.
    pub fn check_count(&mut self, what: &str, got: usize, expected: usize) -> bool {
        if got != expected {
            self.observe(
                false,
                tr!("count-short", got = got, what = what, expected = expected),
            );
        }
        got == expected
    }

    /// Records observations made on several transports, merged where they read the same.
    pub fn observe_on(
        &mut self,
        per_transport: Vec<(Transport, Finding)>,
    ) -> &mut Finding {
        let mut figures = Vec::new();
        for (transport, finding) in &per_transport {
            figures.extend(
                finding
                    .figures
                    .iter()
                    .map(|f| tr!("on-transport", transport = *transport, text = f)),
            );
            self.set_up
                .extend(finding.set_up.iter().map(|o| Observation {
                    text: tr!("on-transport", transport = *transport, text = &o.text),
                    agrees: o.agrees,
                }));
        }
        let merged = on_transports(
            per_transport
                .into_iter()
                .map(|(transport, finding)| (transport, finding.observations))
                .collect(),
        );
        self.observations.extend(merged);
        self.figures.extend(figures);
        self
    }

    /// Adds another finding's observations and figures to this one.
    pub fn absorb(&mut self, other: Finding) -> &mut Finding {
        self.observations.extend(other.observations);
        self.figures.extend(other.figures);
        self.set_up.extend(other.set_up);
        self
    }

    /// Records a figure: a measured value that varies from run to run.
    pub fn figure(&mut self, text: impl Into<String>) -> &mut Finding {
        self.figures.push(text.into());
        self
    }

    /// Whether this run saw what the verdict says: it observed something, and every
    /// observation agrees.
    pub fn agrees(&self) -> bool {
        !self.observations.is_empty()
            && self.observations.iter().all(|o| o.agrees)
            && self.set_up.iter().all(|o| o.agrees)
    }

    /// The observations that disagree with the verdict, and the set-up the run could not
    /// prove.
    pub fn disagreements(&self) -> impl Iterator<Item = &Observation> {
        self.observations
            .iter()
            .chain(&self.set_up)
            .filter(|o| !o.agrees)
    }

    /// What a reader is shown: the observations, then any set-up the run could not prove.
    pub fn shown(&self) -> Vec<Observation> {
        let unproven = self
            .set_up
            .iter()
            .filter(|o| !o.agrees)
            .map(|o| Observation {
                text: tr!("set-up-not-proven", text = &o.text),
                agrees: false,
            });
        self.observations.iter().cloned().chain(unproven).collect()
    }

    /// The evidence in one line, as the book's table shows it.
    pub fn evidence(&self) -> String {
        self.shown()
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for o in &self.shown() {
            writeln!(f, "{} {}", if o.agrees { "✔" } else { "✘" }, o.text)?;
        }
        for figure in &self.figures {
            writeln!(f, "⏱ {figure}")?;
        }
        Ok(())
    }
}

/// The clock read around a call: when it began and when it returned (see
/// [`Finding::measured`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocked {
    pub began: Instant,
    pub returned: Instant,
}

impl Clocked {
    /// Reads the clock around `call`.
    pub fn call<T>(call: impl FnOnce() -> T) -> (T, Clocked) {
        let began = Instant::now();
        let result = call();
        let returned = Instant::now();
        (result, Clocked { began, returned })
    }

    /// How long the call took, by these readings.
    pub fn span(&self) -> Duration {
        self.returned.saturating_duration_since(self.began)
    }
}

/// Observations made on several transports, merged where they read the same and agree
/// alike: "hello → world (tcp, ipc, inproc)". Where a transport saw something else, it
/// gets a line of its own, so the evidence always says which transports saw what.
pub fn on_transports(
    per_transport: Vec<(Transport, Vec<Observation>)>,
) -> Vec<Observation> {
    let mut merged: Vec<(Observation, Vec<Transport>)> = Vec::new();
    for (transport, observations) in per_transport {
        for observation in observations {
            match merged.iter_mut().find(|(seen, _)| *seen == observation) {
                Some((_, transports)) if transports.contains(&transport) => {}
                Some((_, transports)) => transports.push(transport),
                None => merged.push((observation, vec![transport])),
            }
        }
    }
    merged
        .into_iter()
        .map(|(observation, transports)| {
            let names: Vec<&str> = transports.iter().map(|t| t.name()).collect();
            Observation {
                text: tr!(
                    "on-transports",
                    text = observation.text,
                    transports = crate::i18n::join(&names)
                ),
                agrees: observation.agrees,
            }
        })
        .collect()
}
