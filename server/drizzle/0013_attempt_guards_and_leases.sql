CREATE TABLE "credential_guards" (
	"key" text PRIMARY KEY NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"busy_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
-- PIN failures and locks move to credential_guards (key pin:<user>), so a lock in force survives the upgrade.
INSERT INTO "credential_guards" ("key", "failed_count", "locked_until")
SELECT 'pin:' || "user_id", "failed_count", "locked_until" FROM "wallet_pins"
WHERE "failed_count" > 0 OR "locked_until" > now();--> statement-breakpoint
ALTER TABLE "wallet_pins" DROP COLUMN "failed_count";--> statement-breakpoint
ALTER TABLE "wallet_pins" DROP COLUMN "locked_until";