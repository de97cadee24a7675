package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two spellings of a reject reason: a code for programs, a description for people. */
class RejectReasonTest {
    @Test
    void codesAreLowerCaseSnakeAndUnique() {
        assertThat(RejectReason.BAD_CHECKSUM.code()).isEqualTo("bad_checksum");
        assertThat(RejectReason.BAD_TAG_BLOCK_CHECKSUM.code()).isEqualTo("bad_tag_block_checksum");
        assertThat(RejectReason.BAD_TAG_BLOCK_CHECKSUM.description()).isEqualTo("tag block checksum mismatch");
        Set<String> codes = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        for (RejectReason r : RejectReason.values()) {
            assertThat(r.code()).matches("[a-z]+(_[a-z]+)*");
            assertThat(RejectReason.ofCode(r.code())).isSameAs(r);
            codes.add(r.code());
            descriptions.add(r.description());
        }
        assertThat(codes).hasSize(RejectReason.values().length);
        assertThat(descriptions).hasSize(RejectReason.values().length);
        // the constant's name is no code
        assertThat(RejectReason.ofCode("BAD_CHECKSUM")).isNull();
        assertThat(RejectReason.ofCode("checksum mismatch")).isNull();
    }
}
