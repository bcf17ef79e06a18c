package org.dragongate.directory;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an administrator gives to register a partner; checked on construction.
 *
 * @param sftpAccount null means the partner's id, the account name the gateway's inbox folders use
 */
public record NewPartner(String id, String name, String country, String sftpAccount, Set<String> mailAddresses,
                         boolean allowLegacyKeyTransport) {
    public NewPartner {
        if (id == null || !id.matches("[A-Z0-9][A-Z0-9-]{1,63}")) {
            throw invalid("partner id '" + id + "' must be 2 to 64 upper-case letters, digits and '-'");
        }
        name = name == null || name.isBlank() ? id : name.strip();
        if (name.length() > 200) {
            throw invalid("partner name is longer than 200 characters");
        }
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw invalid("country '" + country + "' must be an ISO 3166 alpha-2 code such as CN");
        }
        sftpAccount = sftpAccount == null || sftpAccount.isBlank() ? id : sftpAccount.strip();
        if (!sftpAccount.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw invalid("SFTP account '" + sftpAccount + "' must be letters, digits, '.', '_' and '-'");
        }
        mailAddresses = Set.copyOf(mailAddresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList());
        for (String address : mailAddresses) {
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || address.length() > 320) {
                throw invalid("mail address '" + address + "' is not an address such as intel@agency.example");
            }
        }
    }

    public List<String> sortedMailAddresses() {
        return mailAddresses.stream().sorted().toList();
    }

    private static DirectoryException invalid(String message) {
        return new DirectoryException(DirectoryException.Problem.INVALID_INPUT, message);
    }
}
