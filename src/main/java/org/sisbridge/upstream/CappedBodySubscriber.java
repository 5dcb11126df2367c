package org.sisbridge.upstream;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A JDK HttpClient body of at most {@code maxBytes} bytes (the token answer): a larger one is
 * cancelled at the first byte past the cap, or before any is read when its Content-Length says so,
 * and fails with {@link UpstreamAnswerRefusedException}. The JDK's own handlers would hold any size.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long maxBytes;
    private final String what;
    private final boolean refuseAtOnce;
    private Flow.Subscription subscription;

    private CappedBodySubscriber(long maxBytes, String what, boolean refuseAtOnce) {
        this.maxBytes = maxBytes;
        this.what = what;
        this.refuseAtOnce = refuseAtOnce;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes, String what) {
        return info -> new CappedBodySubscriber(maxBytes, what,
                info.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refuseAtOnce) {
            s.cancel();
            tooLarge();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > maxBytes) {
                subscription.cancel();
                tooLarge();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private void tooLarge() {
        result.completeExceptionally(UpstreamAnswerRefusedException.tooLarge(what + " is larger than " + maxBytes
                + " bytes (sisbridge.upstream.max-response-bytes); refused"));
    }
}
