"""What several test modules share: stores with identities, a campaign, PDF reading."""
