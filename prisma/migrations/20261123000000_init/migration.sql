-- CreateTable
CREATE TABLE "Library" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "defaultLanguage" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Branch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "libraryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Branch_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Patron" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "cardNumber" TEXT NOT NULL,
    "pinHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "preferredLanguage" TEXT NOT NULL,
    "homeBranchId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT,
    "cardExpiresAt" DATETIME NOT NULL,
    "loansCount" INTEGER NOT NULL DEFAULT 0,
    "failedPinCount" INTEGER NOT NULL DEFAULT 0,
    "pinLockedUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Patron_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Record" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "isbn" TEXT,
    "issn" TEXT,
    "contributors" TEXT,
    "year" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "sourceId" TEXT,
    "searchText" TEXT NOT NULL,
    CONSTRAINT "Record_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Copy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recordId" INTEGER NOT NULL,
    "branchId" TEXT NOT NULL,
    "shelfMark" TEXT NOT NULL,
    "barcode" TEXT,
    "status" TEXT NOT NULL,
    CONSTRAINT "Copy_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Copy_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ref" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "conversationRef" TEXT,
    "requestKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "pickupDeadline" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Hold" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "copyId" INTEGER NOT NULL,
    "recordId" INTEGER NOT NULL,
    "branchId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ilsHoldId" TEXT,
    "ilsReleasedAt" DATETIME,
    CONSTRAINT "Hold_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hold_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "Copy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hold_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Hold_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DemandSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CopyAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "recordId" INTEGER NOT NULL,
    "patronId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationRef" TEXT,
    "status" TEXT NOT NULL,
    "openKey" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "CopyQuarantine" (
    "copyId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "returnedAt" DATETIME NOT NULL,
    "availableFrom" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IllRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ref" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "year" INTEGER,
    "isbn" TEXT,
    "journal" TEXT,
    "volumeIssue" TEXT,
    "pages" TEXT,
    "notNeededAfter" DATETIME,
    "currency" TEXT NOT NULL,
    "maxCost" INTEGER NOT NULL,
    "lender" TEXT,
    "lenderCost" INTEGER,
    "costAcceptancePending" BOOLEAN NOT NULL DEFAULT false,
    "weightGrams" INTEGER,
    "amountDue" INTEGER,
    "arrivedAt" DATETIME,
    "collectBy" TEXT,
    "use" TEXT,
    "dueDate" TEXT,
    "liabilitySignedAt" DATETIME,
    "returnedAt" DATETIME,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "conversationRef" TEXT,
    "requestKey" TEXT,
    "ilsRequestId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IllRequest_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IllRequest_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IllTermsAcceptance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textSha256" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "amount" INTEGER,
    "acceptedAt" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    CONSTRAINT "IllTermsAcceptance_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IllCharge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "requestId" INTEGER,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" DATETIME,
    "paidRecordedBy" TEXT,
    CONSTRAINT "IllCharge_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IllCharge_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IllEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "IllEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueHarvest" (
    "libraryId" TEXT NOT NULL PRIMARY KEY,
    "lastResponseDate" TEXT,
    "lastSucceededAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastOutcome" TEXT
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastStartedAt" DATETIME NOT NULL,
    "lastFinishedAt" DATETIME,
    "lastOutcome" TEXT,
    "lastInstance" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scope" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffUser_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "libraryId" TEXT NOT NULL,
    "branchId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "seat" INTEGER,
    "status" TEXT NOT NULL,
    "icsToken" TEXT NOT NULL,
    "bookedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appointment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "onceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebChatOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VoiceTurn" (
    "callSid" TEXT NOT NULL,
    "turn" INTEGER NOT NULL,
    "twiml" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("callSid", "turn")
);

-- CreateTable
CREATE TABLE "CallbackRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "libraryId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "callSid" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Branch_libraryId_idx" ON "Branch"("libraryId");

-- CreateIndex
CREATE UNIQUE INDEX "Patron_libraryId_cardNumber_key" ON "Patron"("libraryId", "cardNumber");

-- CreateIndex
CREATE INDEX "Record_libraryId_acquiredAt_idx" ON "Record"("libraryId", "acquiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Record_libraryId_sourceId_key" ON "Record"("libraryId", "sourceId");

-- CreateIndex
CREATE INDEX "Copy_recordId_status_idx" ON "Copy"("recordId", "status");

-- CreateIndex
CREATE INDEX "Copy_branchId_status_idx" ON "Copy"("branchId", "status");

-- CreateIndex
CREATE INDEX "Copy_barcode_idx" ON "Copy"("barcode");

-- CreateIndex
CREATE UNIQUE INDEX "Order_ref_key" ON "Order"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Order_requestKey_key" ON "Order"("requestKey");

-- CreateIndex
CREATE INDEX "Order_libraryId_status_createdAt_idx" ON "Order"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Order_patronId_status_idx" ON "Order"("patronId", "status");

-- CreateIndex
CREATE INDEX "Hold_orderId_idx" ON "Hold"("orderId");

-- CreateIndex
CREATE INDEX "Hold_copyId_status_idx" ON "Hold"("copyId", "status");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_at_idx" ON "OrderEvent"("orderId", "at");

-- CreateIndex
CREATE INDEX "DemandSearch_libraryId_at_idx" ON "DemandSearch"("libraryId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CopyAlert_openKey_key" ON "CopyAlert"("openKey");

-- CreateIndex
CREATE INDEX "CopyAlert_recordId_status_idx" ON "CopyAlert"("recordId", "status");

-- CreateIndex
CREATE INDEX "CopyAlert_libraryId_status_createdAt_idx" ON "CopyAlert"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CopyQuarantine_availableFrom_idx" ON "CopyQuarantine"("availableFrom");

-- CreateIndex
CREATE UNIQUE INDEX "IllRequest_ref_key" ON "IllRequest"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "IllRequest_requestKey_key" ON "IllRequest"("requestKey");

-- CreateIndex
CREATE INDEX "IllRequest_libraryId_status_createdAt_idx" ON "IllRequest"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "IllRequest_patronId_status_idx" ON "IllRequest"("patronId", "status");

-- CreateIndex
CREATE INDEX "IllTermsAcceptance_requestId_idx" ON "IllTermsAcceptance"("requestId");

-- CreateIndex
CREATE INDEX "IllCharge_patronId_paidAt_idx" ON "IllCharge"("patronId", "paidAt");

-- CreateIndex
CREATE INDEX "IllEvent_requestId_at_idx" ON "IllEvent"("requestId", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_scope_libraryId_source_at_idx" ON "SignInAttempt"("scope", "libraryId", "source", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");

-- CreateIndex
CREATE INDEX "StaffUser_libraryId_idx" ON "StaffUser"("libraryId");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_icsToken_key" ON "Appointment"("icsToken");

-- CreateIndex
CREATE INDEX "Appointment_orderId_status_idx" ON "Appointment"("orderId", "status");

-- CreateIndex
CREATE INDEX "Appointment_libraryId_startsAt_idx" ON "Appointment"("libraryId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_branchId_startsAt_seat_key" ON "Appointment"("branchId", "startsAt", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_onceKey_key" ON "Notification"("onceKey");

-- CreateIndex
CREATE INDEX "Notification_orderId_idx" ON "Notification"("orderId");

-- CreateIndex
CREATE INDEX "WebChatOutbox_conversationId_id_idx" ON "WebChatOutbox"("conversationId", "id");

-- CreateIndex
CREATE INDEX "VoiceTurn_createdAt_idx" ON "VoiceTurn"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallbackRequest_callSid_key" ON "CallbackRequest"("callSid");

-- CreateIndex
CREATE INDEX "CallbackRequest_libraryId_handledAt_idx" ON "CallbackRequest"("libraryId", "handledAt");


-- Catalogue search (src/persistence/prisma-catalogue-repository.ts): an FTS5 trigram index
-- over Record.searchText, which is already folded (lower case, no accents, final sigma), so a
-- word of three or more letters is found anywhere in a title, author or ISBN through the index
-- instead of a LIKE scan of every record. External content: the text lives once, in Record;
-- the triggers keep the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE "RecordSearch" USING fts5("searchText", content='Record', content_rowid='id', tokenize='trigram');

CREATE TRIGGER "Record_search_insert" AFTER INSERT ON "Record" BEGIN
  INSERT INTO "RecordSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Record_search_delete" AFTER DELETE ON "Record" BEGIN
  INSERT INTO "RecordSearch"("RecordSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;

CREATE TRIGGER "Record_search_update" AFTER UPDATE OF "searchText" ON "Record" BEGIN
  INSERT INTO "RecordSearch"("RecordSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
  INSERT INTO "RecordSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;
