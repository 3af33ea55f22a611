package dev.ampj.ops.serve;

import com.typesafe.config.Config;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.storage.event.RunCreated;

/**
 * What the dashboard needs from a run's recorded configuration to draw its robot: how to read a
 * pose out of its AMP states, and its reference motion's poses. {@code unavailable} says why a run
 * has no stick figure (its AMP state has no joint angles, or its reference motion cannot be read).
 */
record RunContext(OstrichPose decoder, ReferencePoses reference, String unavailable) {

    static RunContext of(RunCreated created) {
        try {
            return read(created);
        } catch (RuntimeException e) { // a run of another robot, or a configuration this version cannot read
            return new RunContext(null, null, e.getMessage());
        }
    }

    private static RunContext read(RunCreated created) {
        Config config = RunConfig.parse(created.config(), created.run());
        SimSettings sim = SimSettings.fromConfig(config);
        AmpObservation amp = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(),
                OstrichLayout.LAYOUT);
        OstrichPose decoder = OstrichPose.decoder(amp);
        if (decoder == null) {
            return new RunContext(null, null, "the run's AMP observation " + amp.termNames() + " has no joint_pos term");
        }
        return new RunContext(decoder, new ReferencePoses(new DefaultComponents().reference(config, null, 0), decoder), "");
    }
}
