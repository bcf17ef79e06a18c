package org.dragongate.notice;

/** The CITES appendix a species is listed in; written as the Roman numeral. */
public enum CitesAppendix {
    I,
    II,
    III
}
