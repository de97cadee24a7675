package org.watchkeeper.server;

import java.nio.charset.StandardCharsets;
import org.watchkeeper.core.sim.Simulation;

/**
 * A source fed by core's traffic simulator ({@link Simulation}): its lines (each with a tag block
 * carrying the simulated time) are delivered at {@code speed} times the simulated pace, so a day of
 * simulated traffic with its planted events plays in minutes. Deterministic: the same simulation
 * options give the same lines in the same order; only the pacing depends on the wall clock.
 */
public final class SimulatorSource extends Source {
    private final Simulation simulation;
    private final double speed;
    private volatile boolean running;

    /**
     * @param name the source name
     * @param pipeline where lines go
     * @param simulation the simulation to play (consumed)
     * @param speed simulated seconds per wall-clock second (&gt; 0)
     */
    public SimulatorSource(String name, Pipeline pipeline, Simulation simulation, double speed) {
        super(name, pipeline);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        this.simulation = simulation;
        this.speed = speed;
    }

    @Override
    public String kind() {
        return "simulator";
    }

    @Override
    public boolean up() {
        return running;
    }

    @Override
    protected void run() throws InterruptedException {
        running = true;
        try {
            long first = Long.MIN_VALUE;
            long wall0 = System.nanoTime();
            while (!closed && simulation.hasNext()) {
                Simulation.Transmission t = simulation.next();
                if (first == Long.MIN_VALUE) {
                    first = t.timeMillis();
                }
                long due = wall0 + (long) ((t.timeMillis() - first) * 1e6 / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                for (String line : t.lines()) {
                    pipeline.sink().offer(new RawLine(name, System.currentTimeMillis(), line.getBytes(StandardCharsets.US_ASCII)), true);
                    lines.increment();
                }
            }
        } finally {
            running = false;
            streamEnded();
        }
    }
}
