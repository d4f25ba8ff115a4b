//! The solutions, apart from the stubs.

pub mod e01_hello_server;
pub mod e02_ask_in_turn;
pub mod e03_give_up_in_time;
pub mod e04_echo_frames;
pub mod e05_one_way;
pub mod e06_subscribe;
pub mod e07_topic_rule;
pub mod e08_publish_when_ready;
pub mod e09_worker;
pub mod e10_push_or_give_up;
pub mod e11_pipeline;
pub mod e12_broker;
pub mod e13_ask_reliably;
pub mod e14_watchful_subscriber;
