/**
 * Watchkeeper on Apache Kafka and Apache Flink (DataStream API): the same framing, decoding,
 * tracking and detector classes as the single-machine pipeline, hosted by keyed Flink functions.
 * Entry point {@link org.watchkeeper.flink.WatchkeeperJob}; settings {@link org.watchkeeper.flink.JobConfig};
 * the detector adapter {@link org.watchkeeper.flink.DetectorFunction}.
 */
package org.watchkeeper.flink;
