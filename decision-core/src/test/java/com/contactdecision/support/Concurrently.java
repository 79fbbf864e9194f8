package com.contactdecision.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs n calls at once: every thread is started and waiting before any is released. */
public final class Concurrently {

	/** One call, told its index. */
	@FunctionalInterface
	public interface Indexed<T> {

		T call(int index) throws Exception;

	}

	private Concurrently() {
	}

	/** The answers, in index order. */
	public static <T> List<T> run(int n, Indexed<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch ready = new CountDownLatch(n);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				Callable<T> c = () -> {
					ready.countDown();
					go.await();
					return task.call(index);
				};
				futures.add(pool.submit(c));
			}
			if (!ready.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(n + " threads did not all start within 30 s");
			}
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> f : futures) {
				results.add(f.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
