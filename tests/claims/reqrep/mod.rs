//! Request–Reply (RR1–RR7). Each test quotes the article above the property it checks.

mod rr1;
mod rr2;
mod rr3;
mod rr4;
mod rr5;
mod rr6;
mod rr7;
