//! Wrong answers to exercise 2 that the check must reject.

/// Sends every question first, then collects the answers: the second send fails with
/// EFSM.
pub fn sends_all_first(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    for question in questions {
        client.send(*question, 0)?;
    }
    questions
        .iter()
        .map(|_| Ok(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned()))
        .collect()
}

/// Asks the questions it once saw in the checker's output, not the ones it is given.
pub fn asks_what_it_saw(
    client: &zmq::Socket,
    _questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in ["one", "two", "three"] {
        client.send(question, 0)?;
        answers.push(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned());
    }
    Ok(answers)
}

/// Asks a question it asked before only once, and gives its first answer again: the
/// server may answer it differently the second time.
pub fn asks_a_repeated_question_once(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut known: Vec<(&str, String)> = Vec::new();
    let mut answers = Vec::new();
    for question in questions {
        if let Some((_, answer)) = known.iter().find(|(asked, _)| asked == question) {
            answers.push(answer.clone());
            continue;
        }
        client.send(*question, 0)?;
        let answer = String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned();
        known.push((question, answer.clone()));
        answers.push(answer);
    }
    Ok(answers)
}

/// Asks the first question before looking whether there is one: with no questions it
/// panics.
pub fn assumes_a_question(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    let mut i = 0;
    loop {
        client.send(questions[i], 0)?;
        answers.push(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned());
        i += 1;
        if i == questions.len() {
            return Ok(answers);
        }
    }
}

/// Trims the white space around each answer: it is part of the answer.
pub fn trims_the_answers(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).trim().to_string());
    }
    Ok(answers)
}

/// Trims the white space around each question before asking it: it is part of the
/// question.
pub fn trims_the_questions(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(question.trim(), 0)?;
        answers.push(String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned());
    }
    Ok(answers)
}

/// Cuts the line ending off each answer, as if it were framing: it is part of the answer.
pub fn trims_line_endings(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let answer = String::from_utf8_lossy(&client.recv_bytes(0)?).into_owned();
        answers.push(answer.trim_end_matches(['\r', '\n']).to_owned());
    }
    Ok(answers)
}

/// Takes an answer that has not come within a second for a lost question, and asks it
/// again on a relaxed REQ: a slow server hears the question twice.
pub fn asks_again_after_a_second(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    client.set_req_relaxed(true)?;
    client.set_req_correlate(true)?;
    client.set_rcvtimeo(1_000)?;
    let mut answers = Vec::new();
    for question in questions {
        let answer = loop {
            client.send(*question, 0)?;
            match client.recv_bytes(0) {
                Ok(answer) => break answer,
                Err(zmq::Error::EAGAIN) => continue,
                Err(other) => return Err(other),
            }
        };
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}

/// Gives each answer two seconds, "long enough", and fails when one is slower: the REQ is
/// left waiting for it, with a timeout on the caller's socket.
pub fn gives_up_after_two_seconds(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    client.set_rcvtimeo(2_000)?;
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let answer = client.recv_bytes(0)?;
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}

/// Drops the NUL bytes an answer ends with, "a C server's string terminator": a NUL is a
/// byte of the message like any other.
pub fn drops_a_trailing_nul(
    client: &zmq::Socket,
    questions: &[&str],
) -> zmq::Result<Vec<String>> {
    let mut answers = Vec::new();
    for question in questions {
        client.send(*question, 0)?;
        let mut answer = client.recv_bytes(0)?;
        while answer.last() == Some(&0) {
            answer.pop();
        }
        answers.push(String::from_utf8_lossy(&answer).into_owned());
    }
    Ok(answers)
}
