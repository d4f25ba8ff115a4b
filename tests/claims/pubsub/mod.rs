//! Publish–Subscribe (PS1–PS7). Each test quotes the article above the property it
//! checks.

mod ps1;
mod ps2;
mod ps3;
mod ps4;
mod ps5;
mod ps6;
mod ps7;
