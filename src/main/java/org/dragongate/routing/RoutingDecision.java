package org.dragongate.routing;

/**
 * One contact point a notice goes to, and why; recorded on the audit trail and in the receipt.
 *
 * @param reason the contact point id, then every rule that chose it, e.g.
 *               {@code VN-ENV-POLICE: category WILDLIFE, destination VN} or
 *               {@code RILO-AP: category WILDLIFE, destination KR; copy rule, every WILDLIFE notice}
 */
public record RoutingDecision(String contactPointId, String reason) {
}
