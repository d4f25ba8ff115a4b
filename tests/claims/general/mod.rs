//! The general claims (G1, G2).

mod g1;
mod g2;
