package org.sisbridge.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream's accounts: a seeded population of existing students (the first
 * {@code existingAccounts} students of {@link StudentPopulation}) plus every account a bulk job
 * created. Decides per student CREATED / EXISTING / REJECTED, and counts the accounts created
 * for each (MIS code, localId), so tests can prove no student was created twice.
 *
 * <p>New CCCIDs continue the population's numbering: account n gets {@code cccid(existing + n)},
 * so they are allocated in sequence, in the documented format, never reused and never equal to a
 * seeded student's.
 */
public final class AccountRegistry {
    private final StudentPopulation population;
    private final AccountFieldRules rules;
    private final Map<String, String> cccidByEmail = new HashMap<>();
    private final Map<String, String> cccidByName = new HashMap<>();
    private final Map<String, String> cccidByPhone = new HashMap<>();
    private final Map<String, AtomicInteger> createdPerStudent = new HashMap<>();
    private final Map<String, List<String>> namesCreated = new HashMap<>();
    private final AccountLedger ledger;
    /** Accounts created by earlier runs of a simulator that keeps them (settings.accountsFile). */
    private final long createdBefore;
    private long created;
    private long matchLookups;

    AccountRegistry(SimulatorSettings settings) {
        this.population = new StudentPopulation(settings.seed, Math.max(1, settings.existingAccounts));
        this.rules = new AccountFieldRules(settings.bulkEmailRequired);
        this.ledger = AccountLedger.of(settings.accountsFile, settings);
        for (long s = 0; s < settings.existingAccounts; s++) {
            SimulatedStudent student = population.student(s);
            remember(student.cccid(), student.email(), AccountIdentity.nameKey(student.firstName(), student.lastName(),
                    student.birthDate().toString()), student.phone());
        }
        this.createdBefore = ledger.restore(this::rememberKeys);
    }

    synchronized AccountOutcome resolve(String misCode, BulkStudent s, LocalDate today) {
        List<AccountFieldError> errors = rules.check(s, today);
        if (!errors.isEmpty()) {
            return AccountOutcome.rejected(s.localId(), errors);
        }
        String email = ledger.key(AccountIdentity.emailKey(s.email()));
        String name = ledger.key(AccountIdentity.nameKey(s.firstName(), s.lastName(), s.birthDate()));
        String phone = ledger.key(AccountIdentity.phoneKey(s.phone()));
        AccountOutcome found = lookUp(s.localId(), email, name);
        if (found != null) {
            return AccountOutcome.existing(s.localId(), found.cccid(), found.matchedOn());
        }
        if (phone != null && cccidByPhone.containsKey(phone)) {
            return AccountOutcome.rejected(s.localId(), List.of(new AccountFieldError("phone", "PHONE_IN_USE",
                    "this phone number belongs to another account")));
        }
        // numbering goes on after the accounts of earlier runs: a CCCID is never handed out twice
        String cccid = population.cccid(population.size() + createdBefore + created++);
        rememberKeys(cccid, email, name, phone);
        ledger.append(cccid, email, name, phone);
        createdPerStudent.computeIfAbsent(misCode + "/" + s.localId(), k -> new AtomicInteger()).incrementAndGet();
        namesCreated.put(misCode + "/" + s.localId(), java.util.Arrays.asList(s.firstName(), s.middleName(), s.lastName()));
        return AccountOutcome.created(s.localId(), cccid);
    }

    /**
     * Mode match: the same field rules and duplicate rules as {@link #resolve}, but nothing is created
     * and nothing remembered; counted in {@link #matchLookups()}.
     */
    synchronized AccountOutcome match(BulkStudent s, LocalDate today) {
        matchLookups++;
        List<AccountFieldError> errors = rules.check(s, today);
        if (!errors.isEmpty()) {
            return AccountOutcome.rejected(s.localId(), errors);
        }
        AccountOutcome found = lookUp(s.localId(), ledger.key(AccountIdentity.emailKey(s.email())),
                ledger.key(AccountIdentity.nameKey(s.firstName(), s.lastName(), s.birthDate())));
        return found != null ? found : AccountOutcome.notFound(s.localId());
    }

    /** The account an e-mail or a name and birth date key finds (as MATCHED, with matchedOn), or null. */
    private AccountOutcome lookUp(String localId, String emailKey, String nameKey) {
        String byEmail = emailKey == null ? null : cccidByEmail.get(emailKey);
        String byName = cccidByName.get(nameKey);
        if (byEmail == null && byName == null) {
            return null;
        }
        String cccid = byEmail != null ? byEmail : byName;
        List<String> matchedOn = new ArrayList<>();
        if (byEmail != null) {
            matchedOn.add("email");
        }
        if (cccid.equals(byName)) {
            matchedOn.addAll(List.of("firstName", "lastName", "birthDate"));
        }
        return AccountOutcome.matched(localId, cccid, matchedOn);
    }

    /** Students looked up by match-mode jobs since start (none of them created anything). */
    public synchronized long matchLookups() {
        return matchLookups;
    }

    /** Accounts created for this student of this college by bulk jobs (0 or, correctly, 1). */
    public synchronized int accountsCreated(String misCode, String localId) {
        AtomicInteger n = createdPerStudent.get(misCode + "/" + localId);
        return n == null ? 0 : n.get();
    }

    /** The first, middle and last name an account was created with, as received; null when none was created. */
    public synchronized List<String> namesCreated(String misCode, String localId) {
        return namesCreated.get(misCode + "/" + localId);
    }

    /** Accounts created by bulk jobs since start. */
    public synchronized long accountsCreated() {
        return created;
    }

    /** The most accounts created for any one student: 1 unless a client made a duplicate. */
    public synchronized int mostAccountsForOneStudent() {
        return createdPerStudent.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** The seeded students, for tests and demos that need duplicates of existing accounts. */
    public StudentPopulation population() {
        return population;
    }

    /** Accounts created by earlier runs and restored from the accounts file. */
    public synchronized long accountsCreatedBefore() {
        return createdBefore;
    }

    /** Where accounts are kept across restarts, or null. */
    public java.nio.file.Path accountsFile() {
        return ledger.file();
    }

    void close() {
        ledger.close();
    }

    private void remember(String cccid, String email, String nameKey, String phone) {
        rememberKeys(cccid, ledger.key(AccountIdentity.emailKey(email)), ledger.key(nameKey),
                ledger.key(AccountIdentity.phoneKey(phone)));
    }

    /** @param emailKey, nameKey, phoneKey the keys as {@link AccountLedger#key} gives them */
    private void rememberKeys(String cccid, String emailKey, String nameKey, String phoneKey) {
        if (emailKey != null) {
            cccidByEmail.putIfAbsent(emailKey, cccid);
        }
        if (nameKey != null) {
            cccidByName.putIfAbsent(nameKey, cccid);
        }
        if (phoneKey != null) {
            cccidByPhone.putIfAbsent(phoneKey, cccid);
        }
    }
}
