package org.dragongate.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.dragongate.notice.Notice;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * Decides which contact points receive a notice, and why. In order: the country rules (file
 * order); then, for each country the notice names (destination, concerned, transit) that no
 * country rule delivered for, that country's default; then the copy rules. A contact point only
 * receives categories it handles. Each contact point appears once, with the reasons of every rule
 * that chose it, so the delivery stage sends each notice to each contact point once.
 *
 * <p>Plain Java, no state besides the rules: thread-safe.
 */
public final class ContactPointRouter {
    private final Supplier<RoutingRules> current;

    public ContactPointRouter(RoutingRules rules) {
        this(() -> rules);
    }

    /** @param current the rules as they are now (the gateway reads them again with the contact-point directory); one call per notice */
    public ContactPointRouter(Supplier<RoutingRules> current) {
        this.current = current;
    }

    /**
     * @return one decision per contact point, in the order described above
     * @throws PackageRejected {@link RejectReason#NO_CONTACT_POINT} when nothing routes the notice
     */
    public List<RoutingDecision> route(Notice notice) throws PackageRejected {
        RoutingRules rules = current.get();
        NoticeCountries named = NoticeCountries.of(notice);
        Decisions decisions = new Decisions(notice);
        Set<String> covered = new HashSet<>();
        for (RoutingRule rule : rules.rules()) {
            if (!rule.copy()) {
                rule.match(notice, named).ifPresent(match -> {
                    if (decisions.add(rule.contactPoints(), match.reason())) {
                        covered.addAll(match.countries());
                    }
                });
            }
        }
        for (String country : named.in(CountrySource.STANDARD)) {
            ContactPoint fallback = rules.defaults().get(country);
            if (fallback != null && !covered.contains(country)) {
                decisions.add(List.of(fallback), "default for " + country);
            }
        }
        for (RoutingRule rule : rules.rules()) {
            if (rule.copy()) {
                rule.match(notice, named).ifPresent(match -> decisions.add(rule.contactPoints(), match.reason()));
            }
        }
        if (decisions.chosen.isEmpty()) {
            throw new PackageRejected(RejectReason.NO_CONTACT_POINT, noContactPoint(rules, notice, named, decisions.notHandling));
        }
        List<RoutingDecision> list = new ArrayList<>();
        decisions.chosen.forEach((id, reasons) -> list.add(new RoutingDecision(id, id + ": " + String.join("; ", reasons))));
        return list;
    }

    private static String noContactPoint(RoutingRules rules, Notice notice, NoticeCountries named, List<String> notHandling) {
        Set<String> countries = named.in(CountrySource.STANDARD);
        StringBuilder message = new StringBuilder("notice ").append(notice.id()).append(" (category ").append(notice.category())
                .append("; ").append(named.describe()).append(") reaches no contact point: no rule, default or copy rule in ")
                .append(rules.source()).append(" sends it anywhere");
        if (!notHandling.isEmpty()) {
            message.append("; chosen but not handling ").append(notice.category()).append(": ").append(String.join(", ", notHandling));
        }
        message.append(". An administrator can ");
        if (countries.isEmpty()) {
            message.append("add a copy rule for ").append(notice.category())
                    .append(" notices (the notice names no destination, concerned or transit country)");
        } else {
            message.append("add a rule or a default for ").append(String.join(" or ", countries));
        }
        if (!notHandling.isEmpty()) {
            message.append(", or add ").append(notice.category()).append(" to the categories of a contact point above");
        }
        return message.append(" (docs/routing.md), then process the package again from quarantine.").toString();
    }

    /** The contact points chosen so far, in order, each with its reasons; and those passed over for the category. */
    private static final class Decisions {
        private final Notice notice;
        private final Map<String, Set<String>> chosen = new LinkedHashMap<>();
        private final List<String> notHandling = new ArrayList<>();

        Decisions(Notice notice) {
            this.notice = notice;
        }

        /** @return whether any of the contact points handles the notice's category (and so was chosen) */
        boolean add(List<ContactPoint> contactPoints, String reason) {
            boolean any = false;
            for (ContactPoint contactPoint : contactPoints) {
                if (contactPoint.handles(notice.category())) {
                    chosen.computeIfAbsent(contactPoint.id(), id -> new LinkedHashSet<>()).add(reason);
                    any = true;
                } else {
                    notHandling.add(contactPoint.id() + " (" + reason + ")");
                }
            }
            return any;
        }
    }
}
