package org.openrps.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The simulator's own time: starts at a chosen instant and runs {@code speed} times faster than the
 * real clock (3600: an hour each second). Worker processes rebuild the same clock from {@link
 * #originMillis()}, {@link #anchorMillis()} and {@link #speed()}, so the whole fleet shares one
 * time.
 */
public final class SimulationClock extends Clock {

  private final long originMillis;
  private final long anchorMillis;
  private final double speed;
  private final Clock real;

  private SimulationClock(long originMillis, long anchorMillis, double speed, Clock real) {
    if (!(speed >= 0 && speed <= 1_000_000)) {
      throw new IllegalArgumentException("speed must be 0..1000000: " + speed);
    }
    this.originMillis = originMillis;
    this.anchorMillis = anchorMillis;
    this.speed = speed;
    this.real = Objects.requireNonNull(real, "real");
  }

  /** Simulated time {@code start} now, running {@code speed} times as fast as {@code real}. */
  public static SimulationClock start(Instant start, double speed, Clock real) {
    return new SimulationClock(start.toEpochMilli(), real.millis(), speed, real);
  }

  /** The clock of another process: {@code origin} at real instant {@code anchor}. */
  public static SimulationClock of(long originMillis, long anchorMillis, double speed) {
    return new SimulationClock(originMillis, anchorMillis, speed, Clock.systemUTC());
  }

  public long originMillis() {
    return originMillis;
  }

  public long anchorMillis() {
    return anchorMillis;
  }

  public double speed() {
    return speed;
  }

  @Override
  public long millis() {
    return originMillis + (long) ((real.millis() - anchorMillis) * speed);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation clock is in UTC");
  }

  @Override
  public String toString() {
    return "SimulationClock[" + Instant.ofEpochMilli(originMillis) + " x" + speed + "]";
  }
}
