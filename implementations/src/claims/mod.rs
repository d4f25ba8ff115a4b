//! The article's claims, measured on zmq.rs alone and mixed with libzmq, judged by the
//! judges libzmq's runs have (`zmq_workbook::claims`) wherever the evidence can be the same.

pub mod g1;
pub mod pl1;
pub mod pl2;
pub mod pl3;
pub mod pl5;
pub mod ps1;
pub mod ps2;
pub mod ps3;
pub mod ps5;
pub mod ps6;
pub mod ps7;
pub mod rr1;
pub mod rr2;
pub mod rr3;
pub mod rr4;
pub mod rr5;
pub mod rr6;
pub mod rr7;
