package dev.ampj.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Pekko typed ActorSystem starts under the JUnit 5 testkit and answers a request. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PekkoStackTest {

    record Ping(int n, ActorRef<Integer> replyTo) {}

    @JUnit5TestKit
    public final ActorTestKit testKit = new JUnit5TestKitBuilder().withName("PekkoStackTest").build();

    static Behavior<Ping> doubler() {
        return Behaviors.receiveMessage(p -> {
            p.replyTo().tell(2 * p.n());
            return Behaviors.same();
        });
    }

    @Test
    void actorAnswersThroughTestProbe() {
        ActorRef<Ping> doubler = testKit.spawn(doubler(), "doubler");
        TestProbe<Integer> probe = testKit.createTestProbe();
        doubler.tell(new Ping(21, probe.getRef()));
        assertEquals(42, probe.receiveMessage());
    }
}
