//! Parallel pipeline (PL1–PL5). Each test quotes the article above the property it
//! checks.

mod pl1;
mod pl2;
mod pl3;
mod pl4;
mod pl5;
