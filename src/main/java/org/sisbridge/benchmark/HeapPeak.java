package org.sisbridge.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples this JVM's heap every 10 ms while a benchmark runs: the most heap in use at once
 * (garbage included), and the most heap still live after a collection (what the run really holds).
 */
public final class HeapPeak implements AutoCloseable {

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakLive;

    private HeapPeak() {
        System.gc();
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static HeapPeak start() {
        return new HeapPeak();
    }

    private void sample() {
        while (running) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long live = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    live += pool.getCollectionUsage().getUsed();
                }
            }
            peakUsed = Math.max(peakUsed, used);
            peakLive = Math.max(peakLive, live);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long peakUsedBytes() {
        return peakUsed;
    }

    public long peakLiveBytes() {
        return peakLive;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    public static String megabytes(long bytes) {
        return String.format("%.0f MB", bytes / (1024.0 * 1024.0));
    }
}
