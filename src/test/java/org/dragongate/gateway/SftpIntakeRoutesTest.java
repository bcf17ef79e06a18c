package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SftpIntakeRoutesTest {
    @Test
    void aCountFromOneToSixteenIsTaken() {
        assertThat(SftpIntakeRoutes.sessions("1")).isEqualTo(1);
        assertThat(SftpIntakeRoutes.sessions(" 4 ")).isEqualTo(4);
        assertThat(SftpIntakeRoutes.sessions("16")).isEqualTo(16);
    }

    @Test
    void anythingElseIsRefusedWithTheSettingsNameAndRange() {
        assertThatThrownBy(() -> SftpIntakeRoutes.sessions("0")).hasMessage("sftp.intake-sessions must be from 1 to 16, not 0");
        assertThatThrownBy(() -> SftpIntakeRoutes.sessions("200")).hasMessage("sftp.intake-sessions must be from 1 to 16, not 200");
        assertThatThrownBy(() -> SftpIntakeRoutes.sessions("four"))
                .hasMessage("sftp.intake-sessions must be a whole number from 1 to 16, not 'four'");
    }
}
